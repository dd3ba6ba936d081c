/* The executions table (GET /admin/executions, filtered by status); a row opens its detail. */
import { api, enc } from '../api.js';
import { $, el, emptyRow, syncRows } from '../dom.js';
import { durationBetween, fmtDuration, statusBadge, timeEl } from '../format.js';
import { state } from '../state.js';
import { markSelectedExecution, openDetail } from './detail.js';

export async function loadExecutions() {
  if (!state.me) return;
  const seq = ++state.seq.executions;
  const status = $('execution-status').value;
  const table = $('executions');
  const tbody = table.tBodies[0];
  if (!tbody.rows.length) tbody.replaceChildren(emptyRow(9, 'Loading executions…', 'loading'));
  table.setAttribute('aria-busy', 'true');
  try {
    const list = await api(`/api/v1/admin/executions?limit=50${status ? `&status=${enc(status)}` : ''}`);
    if (seq !== state.seq.executions || !state.me) return;
    const items = (Array.isArray(list) ? list : []).slice().sort((a, b) => Number(b.id) - Number(a.id));
    syncRows(tbody, items, (x) => x.id, executionRow,
      () => emptyRow(9, status ? `No ${status} execution.` : 'No job execution yet.'));
    markSelectedExecution();
  } finally {
    if (seq === state.seq.executions) table.removeAttribute('aria-busy');
  }
}

function executionRow(x) {
  return el('tr', { 'data-execution-id': x.id },
    el('td', { class: 'num' }, String(x.id)),
    el('td', {}, x.jobName || ''),
    el('td', { class: 'task-id' }, x.taskId || ''),
    el('td', { class: 'status' }, statusBadge(x.status, 'batch')),
    el('td', {}, x.exitCode || ''),
    el('td', { class: 'nowrap' }, timeEl(x.startTime)),
    el('td', { class: 'nowrap' }, timeEl(x.endTime, x.startTime ? 'running' : '—')),
    el('td', { class: 'nowrap' }, fmtDuration(durationBetween(x.startTime, x.endTime))),
    el('td', {}, el('button', {
      type: 'button', class: 'show-execution button button-small', 'aria-controls': 'execution-detail',
      'aria-label': `Details of execution ${x.id}`,
    }, 'Details')));
}

export function onExecutionsClick(event) {
  const row = event.target.closest('tr[data-execution-id]');
  if (!row) return;
  const button = row.querySelector('.show-execution');
  if (!button) return;
  // a click anywhere on the row does what its Details button does (the button is the keyboard way in)
  if (event.target.closest('button, a, summary') && !event.target.closest('.show-execution')) return;
  if (event.target !== button && !button.contains(event.target) && window.getSelection().toString()) return;
  openDetail(row.dataset.executionId);
}
