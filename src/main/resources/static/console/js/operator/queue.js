/* The queue: workers, what runs and what waits, in start order (GET /admin/queue). */
import { api } from '../api.js';
import { $, el } from '../dom.js';
import { fmtInt, timeEl } from '../format.js';
import { state } from '../state.js';

export async function loadQueue() {
  const queue = await api('/api/v1/admin/queue');
  if (!state.me) return;
  renderQueue(queue || {});
}

function renderQueue(queue) {
  const pending = Array.isArray(queue.pending) ? queue.pending : [];
  const running = Array.isArray(queue.running) ? queue.running : [];
  const summary = el('p', { class: 'queue-summary' },
    el('span', { class: 'stat' }, el('strong', {}, fmtInt(queue.workers ?? 0)), ' workers'),
    el('span', { class: 'stat' }, el('strong', {}, fmtInt(running.length)), ' running'),
    el('span', { class: 'stat' }, el('strong', {}, fmtInt(pending.length)), ' waiting'));

  const runningTable = running.length
    ? el('div', { class: 'table-wrap' }, el('table', { class: 'table table-compact' },
      el('caption', {}, 'Running'),
      el('thead', {}, el('tr', {}, ['Task', 'Source', 'Owner', 'Started', 'Rows'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, running.map((t) => el('tr', {},
        el('td', { class: 'task-id' }, t.taskId || ''), el('td', {}, t.source || ''), el('td', {}, t.owner || ''),
        el('td', { class: 'nowrap' }, timeEl(t.startedAt)),
        el('td', { class: 'nowrap' }, t.totalRows ? `${fmtInt(t.rowsWritten)} of ${fmtInt(t.totalRows)}` : fmtInt(t.rowsWritten)))))))
    : el('p', { class: 'empty' }, 'Nothing is running.');

  const pendingTable = pending.length
    ? el('div', { class: 'table-wrap' }, el('table', { class: 'table table-compact' },
      el('caption', {}, 'Waiting, in start order'),
      el('thead', {}, el('tr', {}, ['#', 'Task', 'Source', 'Owner', 'Created'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, pending.map((t) => el('tr', {},
        el('td', { class: 'num' }, fmtInt(t.queuePosition)), el('td', { class: 'task-id' }, t.taskId || ''),
        el('td', {}, t.source || ''), el('td', {}, t.owner || ''), el('td', { class: 'nowrap' }, timeEl(t.createdAt)))))))
    : el('p', { class: 'empty' }, 'No task is waiting.');

  $('queue').replaceChildren(summary, runningTable, pendingTable);
}
