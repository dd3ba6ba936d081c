/* Restart, stop and abandon an execution, each after a confirmation in the #confirm dialog. */
import { api, enc } from '../api.js';
import { $, withBusy } from '../dom.js';
import { beginAction, showError, showNotice } from '../messages.js';
import { EXECUTION_ACTIONS, state } from '../state.js';
import { loadDetail } from './detail.js';
import { loadExecutions } from './executions.js';
import { loadJobs } from './jobs.js';
import { loadQueue } from './queue.js';

/** Asks in the #confirm dialog; resolves to true only for an explicit yes. */
function confirmDialog(message, yesLabel, { danger = true } = {}) {
  const dialog = $('confirm');
  $('confirm-message').textContent = message;
  $('confirm-yes').textContent = yesLabel;
  $('confirm-yes').classList.toggle('button-danger', danger);
  $('confirm-yes').classList.toggle('button-primary', !danger);
  return new Promise((resolve) => {
    dialog.returnValue = '';
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
    $('confirm-no').focus();
  });
}

export async function onExecutionAction(action) {
  const id = state.detailId;
  if (id === null) return;
  const spec = EXECUTION_ACTIONS[action];
  const status = $('detail-status').textContent;
  const task = $('detail-task').textContent;
  const message = `${spec.label} execution ${id} (${status}${task && task !== '—' ? `, task ${task}` : ''})? ${spec.explain}`;
  const trigger = $(action);
  if (!await confirmDialog(message, spec.label, { danger: action !== 'restart' })) {
    if (!trigger.disabled) trigger.focus();
    return;
  }
  beginAction();
  await withBusy(trigger, async () => {
    try {
      const answer = await api(`/api/v1/admin/executions/${enc(id)}/${action}`, { method: 'POST' });
      if (action === 'restart' && answer && answer.id !== undefined) {
        showNotice(`Execution ${id} restarted as execution ${answer.id}.`);
        state.detailId = String(answer.id);
      } else {
        showNotice(action === 'stop' ? `Stop requested for execution ${id}.` : `Execution ${id} abandoned.`);
      }
    } catch (error) {
      showError(error);
    }
  });
  if (!state.me) return;
  await Promise.allSettled([loadExecutions(), loadJobs(), loadQueue()]);
  try {
    if (state.detailId !== null) await loadDetail(state.detailId, { quiet: false });
  } catch (error) {
    showError(error);
  }
  if (!trigger.disabled) trigger.focus();
  else $('detail-heading').focus({ preventScroll: true });
}
