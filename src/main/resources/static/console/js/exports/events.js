/* One export's details and events (GET /exports/{id} and /exports/{id}/events), under the list. */
import { api, enc } from '../api.js';
import { $, el, reveal, show } from '../dom.js';
import { fileTypeText, statusBadge, timeEl } from '../format.js';
import { beginAction, showError } from '../messages.js';
import { state } from '../state.js';
import { progressParts } from './progress.js';

export async function openEvents(taskId) {
  beginAction();
  state.eventsTaskId = taskId;
  $('events-heading').textContent = `Export ${taskId}`;
  $('task-summary').replaceChildren();
  $('events-list').replaceChildren(el('li', { class: 'muted' }, 'Loading events…'));
  show($('events'), true);
  markEventsButtons();
  await loadEvents(taskId, { quiet: false });
  reveal($('events'));
  $('events-heading').focus({ preventScroll: true });
}

export async function loadEvents(taskId, { quiet }) {
  const seq = ++state.seq.events;
  try {
    const [task, events] = await Promise.all([api(`/api/v1/exports/${enc(taskId)}`),
      api(`/api/v1/exports/${enc(taskId)}/events`)]);
    if (seq !== state.seq.events || state.eventsTaskId !== taskId) return;
    renderTaskSummary(task || {});
    renderEvents(Array.isArray(events) ? events : []);
  } catch (error) {
    if (seq !== state.seq.events || state.eventsTaskId !== taskId) return;
    if (!quiet) $('events-list').replaceChildren(el('li', { class: 'muted' }, 'The events could not be loaded.'));
    showError(error, quiet ? 'refresh' : 'action');
  }
}

/** The task as the API shows it: status, query, progress (with speed, time left or expected start) and times. */
function renderTaskSummary(task) {
  const fact = (term, ...value) => el('div', {}, el('dt', {}, term), el('dd', {}, ...value));
  $('task-summary').replaceChildren(el('dl', { class: 'facts task-facts' },
    fact('Status', statusBadge(task.status)),
    fact('Source', task.source || '—'),
    fact('File type', fileTypeText(task) || '—'),
    fact('Query', task.query ? el('code', { class: 'query' }, task.query) : el('span', { class: 'muted' }, '(all rows)')),
    fact('Progress', el('div', { class: 'progress-cell' }, progressParts(task))),
    fact('Created', timeEl(task.createdAt)),
    fact('Started', timeEl(task.startedAt)),
    fact('Finished', timeEl(task.finishedAt)),
    task.node ? fact('Node', task.node) : null));
}

function renderEvents(events) {
  const list = $('events-list');
  if (!events.length) {
    list.replaceChildren(el('li', { class: 'empty' }, 'No events recorded yet.'));
    return;
  }
  list.replaceChildren(...events.map((e) => el('li', { class: 'event' },
    el('span', { class: 'event-time small' }, timeEl(e.at)),
    el('span', { class: `event-type event-${String(e.type || '').toLowerCase()}` }, e.type || ''),
    el('span', { class: 'event-detail' }, e.detail || ''))));
}

export function closeEvents() {
  const taskId = state.eventsTaskId;
  state.eventsTaskId = null;
  state.seq.events += 1;
  show($('events'), false);
  markEventsButtons();
  const button = taskId && $('exports').querySelector(`tr[data-task-id="${CSS.escape(taskId)}"] .show-events`);
  if (button) button.focus();
}

export function markEventsButtons() {
  for (const row of $('exports').tBodies[0].rows) {
    const open = Boolean(state.eventsTaskId) && row.dataset.taskId === state.eventsTaskId;
    row.classList.toggle('selected', open);
    const button = row.querySelector('.show-events');
    if (button) button.setAttribute('aria-expanded', String(open));
  }
}
