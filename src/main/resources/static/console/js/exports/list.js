/*
 * The exports list: GET /exports (newest 50), one row per task with its status, progress, downloads and actions
 * (cancel, events); rows are kept across refreshes.
 */
import { api, enc } from '../api.js';
import { $, appendAll, el, emptyRow, show, syncRows, withBusy } from '../dom.js';
import { dateTimeFormat, fileTypeText, fmtBytes, fmtInt, parseTime, stampUpdated, statusBadge, timeEl } from '../format.js';
import { beginAction, clearError, showError, showNotice } from '../messages.js';
import { ACTIVE_STATUSES, state } from '../state.js';
import { loadEvents, markEventsButtons, openEvents } from './events.js';
import { progressCell } from './progress.js';

export function flashRow(taskId) {
  if (!taskId) return;
  const row = $('exports').querySelector(`tr[data-task-id="${CSS.escape(taskId)}"]`);
  if (!row) return;
  row.classList.add('flash');
  setTimeout(() => row.classList.remove('flash'), 2500);
}

export async function loadExportsView() {
  const work = [loadExports()];
  if (state.eventsTaskId) work.push(loadEvents(state.eventsTaskId, { quiet: true }));
  await Promise.all(work);
}

export async function loadExports() {
  if (!state.me) return;
  const seq = ++state.seq.exports;
  const table = $('exports');
  const tbody = table.tBodies[0];
  if (!tbody.rows.length) tbody.replaceChildren(emptyRow(7, 'Loading exports…', 'loading'));
  table.setAttribute('aria-busy', 'true');
  try {
    const page = await api('/api/v1/exports?limit=50');
    if (seq !== state.seq.exports || !state.me) return;
    const items = page && Array.isArray(page.items) ? page.items : [];
    renderExports(items);
    show($('exports-more'), Boolean(page && page.nextCursor));
    stampUpdated('exports-updated');
    clearError('refresh');
  } catch (error) {
    if (seq !== state.seq.exports || !state.me) return;
    showError(error, 'refresh');
  } finally {
    if (seq === state.seq.exports) table.removeAttribute('aria-busy');
  }
}

function renderExports(items) {
  const tbody = $('exports').tBodies[0];
  syncRows(tbody, items, (t) => t.taskId, taskRow,
    () => emptyRow(7, 'No exports yet. Choose a source and start one above; it will show here with its progress.'));
  markEventsButtons();
}

function taskRow(task) {
  const row = el('tr', { 'data-task-id': task.taskId });
  const query = task.query ? el('code', { class: 'query' }, task.query) : el('span', { class: 'muted' }, '(all rows)');
  const queryCell = el('td', { class: 'query-cell' }, query, el('div', { class: 'task-id small muted' }, task.taskId));
  if (state.me && state.me.operator && task.owner && task.owner !== state.me.owner) {
    queryCell.append(el('div', { class: 'small muted owner' }, `Owner: ${task.owner}`));
  }
  appendAll(row, [
    el('td', {}, task.source || ''),
    queryCell,
    el('td', {}, fileTypeText(task)),
    el('td', { class: 'nowrap' }, timeEl(task.createdAt)),
    el('td', { class: 'status' }, statusBadge(task.status)),
    progressCell(task),
    actionsCell(task),
  ]);
  return row;
}

function actionsCell(task) {
  const cell = el('td', { class: 'actions' });
  if (ACTIVE_STATUSES.has(task.status)) {
    cell.append(el('button', { type: 'button', class: 'cancel button button-small', 'aria-label': `Cancel export ${task.taskId}` }, 'Cancel'));
  }
  if (task.status === 'Succeeded') {
    const files = Array.isArray(task.files) ? task.files : [];
    const list = el('ul', { class: 'files' });
    for (const file of files) list.append(el('li', {}, fileLink(file)));
    if (files.length) cell.append(list);
  }
  cell.append(el('button', {
    type: 'button', class: 'show-events button button-small button-quiet',
    'aria-controls': 'events', 'aria-expanded': String(state.eventsTaskId === task.taskId),
    'aria-label': `Show events of ${task.taskId}`,
  }, 'Events'));
  return cell;
}

function fileLink(file) {
  const facts = `${fmtInt(file.rows)} rows, ${fmtBytes(file.bytes)}`;
  if (!file.downloadUrl) {
    return el('span', { class: 'file-removed small muted' }, `${file.name} (${facts}) — no longer available`);
  }
  const expires = parseTime(file.expiresAt);
  return el('a', {
    class: 'download', href: file.downloadUrl, download: file.name || true, rel: 'noreferrer',
    title: [file.sha256 ? `sha256 ${file.sha256}` : '', expires ? `link expires ${dateTimeFormat.format(expires)}` : '']
      .filter(Boolean).join(' · ') || null,
  }, el('span', { class: 'file-name' }, file.name || 'download'), el('span', { class: 'file-facts' }, ` ${facts}`));
}

export async function onExportsClick(event) {
  const button = event.target.closest('button');
  if (!button) return;
  const row = button.closest('tr[data-task-id]');
  if (!row) return;
  const taskId = row.dataset.taskId;
  if (button.classList.contains('cancel')) await cancelTask(taskId, button);
  else if (button.classList.contains('show-events')) await openEvents(taskId);
}

async function cancelTask(taskId, button) {
  if (button.dataset.busy) return;
  beginAction();
  await withBusy(button, async () => {
    try {
      const task = await api(`/api/v1/exports/${enc(taskId)}/cancel`, { method: 'POST' });
      const status = task && task.status;
      showNotice(status === 'Cancelled' ? `Export ${taskId} cancelled.` : `Cancellation requested for ${taskId}; it stops within a few seconds.`);
    } catch (error) {
      showError(error);
    }
  });
  if (state.me) await loadExportsView();
}
