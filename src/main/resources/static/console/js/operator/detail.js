/* One execution: its facts, parameters, steps and the actions that apply (GET /admin/executions/{id}). */
import { api, ApiError, enc, isObject } from '../api.js';
import { $, el, emptyRow, reveal, show } from '../dom.js';
import { durationBetween, fmtDuration, fmtInt, statusBadge, timeEl } from '../format.js';
import { beginAction, showError } from '../messages.js';
import { EXECUTION_ACTIONS, state } from '../state.js';

export function markSelectedExecution() {
  for (const row of $('executions').tBodies[0].rows) {
    const selected = state.detailId !== null && row.dataset.executionId === String(state.detailId);
    row.classList.toggle('selected', selected);
    if (selected) row.setAttribute('aria-current', 'true');
    else row.removeAttribute('aria-current');
  }
}

export async function openDetail(id) {
  beginAction();
  try {
    await loadDetail(id, { quiet: false });
    const detail = $('execution-detail');
    reveal(detail);
    $('detail-heading').focus({ preventScroll: true });
  } catch (error) {
    showError(error);
  }
}

export async function loadDetail(id, { quiet }) {
  const seq = ++state.seq.detail;
  try {
    const x = await api(`/api/v1/admin/executions/${enc(id)}`);
    if (seq !== state.seq.detail || !state.me) return;
    state.detailId = String(x && x.id !== undefined ? x.id : id);
    renderDetail(x || {});
    markSelectedExecution();
  } catch (error) {
    if (seq !== state.seq.detail) return;
    if (quiet && error instanceof ApiError && error.status === 404) {
      closeDetail({ focus: false });
      return;
    }
    throw error;
  }
}

function renderDetail(x) {
  $('detail-heading').textContent = `Execution ${x.id}${x.jobName ? ` · ${x.jobName}` : ''}`;
  $('detail-status').replaceChildren(statusBadge(x.status, 'batch'));
  $('detail-job').textContent = x.jobName || '—';
  $('detail-task').textContent = x.taskId || '—';
  $('detail-exit-code').textContent = x.exitCode || '—';
  $('detail-start').replaceChildren(timeEl(x.startTime));
  $('detail-end').replaceChildren(timeEl(x.endTime, x.startTime ? 'running' : '—'));
  $('detail-duration').textContent = fmtDuration(durationBetween(x.startTime, x.endTime));
  $('detail-exit-description').replaceChildren(...exitDescription(x.exitDescription, 'Exit description'));
  renderParameters(x.parameters);
  renderActions(x.status, x.latest);
  renderSteps(Array.isArray(x.steps) ? x.steps : []);
  show($('execution-detail'), true);
}

/** Short descriptions inline; long ones (Spring Batch puts stack traces there) folded away. */
function exitDescription(text, label) {
  if (!text) return [];
  if (text.length <= 160 && !text.includes('\n')) return [el('p', { class: 'small' }, el('strong', {}, `${label}: `), text)];
  return [el('details', { class: 'long-text' }, el('summary', {}, `${label} (${fmtInt(text.length)} characters)`),
    el('pre', {}, text))];
}

function renderParameters(parameters) {
  const container = $('detail-parameters');
  const entries = isObject(parameters) ? Object.entries(parameters) : [];
  if (!entries.length) {
    container.replaceChildren(el('p', { class: 'muted small' }, 'No parameters.'));
    return;
  }
  container.replaceChildren(el('table', { class: 'table table-compact' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Value'))),
    el('tbody', {}, entries.map(([name, value]) => el('tr', {},
      el('th', { scope: 'row' }, name),
      el('td', {}, el('code', { class: 'param-value' }, isObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value))))))));
}

function renderActions(status, latest) {
  const enabled = [];
  for (const [action, spec] of Object.entries(EXECUTION_ACTIONS)) {
    // restart and abandon act on an export's latest execution only: an older one's export has moved on
    const allowed = spec.allowed.includes(status) && (latest || !spec.latestOnly);
    $(action).disabled = !allowed;
    if (allowed) enabled.push(spec.label);
  }
  $('actions-hint').textContent = enabled.length ? ''
    : latest ? `No action applies to this execution (${status || 'unknown status'}).`
      : 'A later execution of this export exists: act on that one.';
}

function renderSteps(steps) {
  const tbody = $('steps').tBodies[0];
  if (!steps.length) {
    tbody.replaceChildren(emptyRow(12, 'No step has started yet.'));
    return;
  }
  tbody.replaceChildren(...steps.map((s) => el('tr', {},
    el('th', { scope: 'row' }, s.name || ''),
    el('td', { class: 'status' }, statusBadge(s.status, 'batch')),
    ['readCount', 'writeCount', 'commitCount', 'rollbackCount', 'skipCount'].map((k) => el('td', { class: 'num' }, fmtInt(s[k]))),
    el('td', {}, s.exitCode || ''),
    el('td', { class: 'nowrap' }, timeEl(s.startTime)),
    el('td', { class: 'nowrap' }, timeEl(s.endTime, s.startTime ? 'running' : '—')),
    el('td', { class: 'nowrap' }, fmtDuration(durationBetween(s.startTime, s.endTime))),
    el('td', { class: 'exit-cell' }, ...exitDescription(s.exitDescription, 'Description')))));
}

export function closeDetail({ focus = true } = {}) {
  const id = state.detailId;
  state.detailId = null;
  state.seq.detail += 1;
  show($('execution-detail'), false);
  markSelectedExecution();
  if (focus && id !== null) {
    const button = $('executions').querySelector(`tr[data-execution-id="${CSS.escape(String(id))}"] .show-execution`);
    if (button) button.focus();
  }
}
