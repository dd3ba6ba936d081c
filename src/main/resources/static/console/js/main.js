/*
 * Export service console: a user's exports and, for operators, the job explorer.
 *
 * Plain ES modules, no framework, no build step: index.html loads this module, which wires the page's controls to
 * the modules' handlers and resumes a session. The page runs under a strict Content-Security-Policy, so no module
 * writes HTML from data (textContent only) or sets a style attribute, and every handler is added here or where its
 * element is built.
 */
import { whenKeyRejected } from './api.js';
import { $, withBusy } from './dom.js';
import { beginAction } from './messages.js';
import { onVisibilityChange, refreshNow, showView } from './navigation.js';
import { handleExpiredKey, onSignInSubmit, resumeSession, signOut } from './session.js';
import { EXECUTION_ACTIONS } from './state.js';
import { closeEvents } from './exports/events.js';
import { onExportsClick } from './exports/list.js';
import { onExecutionAction } from './operator/actions.js';
import { closeDetail } from './operator/detail.js';
import { onExecutionsClick } from './operator/executions.js';
import { refreshExecutions } from './operator/view.js';
import { onHintClick } from './search/advanced.js';
import { scheduleCount } from './search/count.js';
import { onModeChange, onSourceChange } from './search/form.js';
import { syncCompression } from './search/query.js';
import { onNewExportSubmit } from './search/submit.js';

function wire() {
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  $('sign-in-form').addEventListener('submit', onSignInSubmit);
  $('api-key').addEventListener('input', () => $('api-key').removeAttribute('aria-invalid'));
  $('sign-out').addEventListener('click', () => signOut());
  $('nav-exports').addEventListener('click', () => showView('exports', { focus: true }));
  $('nav-operator').addEventListener('click', () => showView('operator', { focus: true }));

  $('new-export').addEventListener('submit', onNewExportSubmit);
  $('export-source').addEventListener('change', onSourceChange);
  $('export-format').addEventListener('change', scheduleCount);
  $('export-format').addEventListener('change', syncCompression);
  $('advanced-mode').addEventListener('change', onModeChange);
  $('export-params').addEventListener('input', () => {
    $('export-params').removeAttribute('aria-invalid');
    scheduleCount();
  });
  $('param-hint').addEventListener('click', (event) => {
    onHintClick(event);
    scheduleCount();
  });
  $('refresh').addEventListener('click', () => withBusy($('refresh'), () => { beginAction(); return refreshNow(); }));
  $('exports').addEventListener('click', onExportsClick);
  $('events-close').addEventListener('click', closeEvents);

  $('operator-refresh').addEventListener('click', () => withBusy($('operator-refresh'), () => { beginAction(); return refreshNow(); }));
  $('execution-status').addEventListener('change', () => refreshExecutions());
  $('execution-refresh').addEventListener('click', () => withBusy($('execution-refresh'), () => refreshExecutions()));
  $('executions').addEventListener('click', onExecutionsClick);
  $('detail-close').addEventListener('click', () => closeDetail());
  for (const action of Object.keys(EXECUTION_ACTIONS)) $(action).addEventListener('click', () => onExecutionAction(action));

  $('confirm-yes').addEventListener('click', () => $('confirm').close('yes'));
  $('confirm-no').addEventListener('click', () => $('confirm').close('no'));

  document.addEventListener('visibilitychange', onVisibilityChange);
}

function start() {
  whenKeyRejected(handleExpiredKey);
  wire();
  resumeSession();
}

start();
