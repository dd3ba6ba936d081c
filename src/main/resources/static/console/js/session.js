/*
 * Signing in and out: the key is checked with GET /api/v1/me and kept in the tab's session storage; signing out
 * (or the key being refused later) forgets it and empties every view.
 */
import { api, ApiError } from './api.js';
import { sourceNames } from './catalogue.js';
import { $, el, show, withBusy } from './dom.js';
import { beginAction, clearError, showError, showNotice } from './messages.js';
import { showView } from './navigation.js';
import { state, STORAGE_KEY, VIEW_KEY } from './state.js';
import { loadSources, resetSearchForm } from './search/form.js';

async function signIn(key, { remembered = false } = {}) {
  const me = await api('/api/v1/me', { key });
  state.key = key;
  state.me = me || {};
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch (e) {
    /* storage may be disabled: the session still works until the page is left */
  }
  $('api-key').value = '';
  renderWho();
  show($('sign-in-view'), false);
  show($('nav'), true);
  show($('account'), true);
  show($('nav-operator'), Boolean(state.me.operator));
  show($('exports-scope'), Boolean(state.me.operator));
  $('exports-heading').textContent = state.me.operator ? 'Exports' : 'My exports';
  $('nav-exports').textContent = state.me.operator ? 'Exports' : 'My exports';
  if (!remembered) showNotice(`Signed in as ${state.me.owner || 'you'}.`);
  loadSources();
  let view = 'exports';
  try {
    view = sessionStorage.getItem(VIEW_KEY) || 'exports';
  } catch (e) {
    view = 'exports';
  }
  showView(view === 'operator' && state.me.operator ? 'operator' : 'exports', { focus: !remembered });
}

function renderWho() {
  const me = state.me;
  const parts = [el('span', { class: 'who-owner' }, me.owner || 'signed in')];
  if (me.email) parts.push(el('span', { class: 'who-email' }, me.email));
  if (me.operator) parts.push(el('span', { class: 'badge badge-operator' }, 'operator'));
  $('who').replaceChildren(...parts);
  const sources = sourceNames(me.sources);
  $('who').title = sources.length ? `Sources: ${sources.join(', ')}` : '';
}

export async function onSignInSubmit(event) {
  event.preventDefault();
  beginAction();
  const input = $('api-key');
  const key = input.value.trim();
  if (!key) {
    input.setAttribute('aria-invalid', 'true');
    showError(new ApiError(-1, { title: 'API key missing', detail: 'Enter your API key to sign in.' }));
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  await withBusy($('sign-in'), async () => {
    try {
      await signIn(key);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) input.setAttribute('aria-invalid', 'true');
      showError(error);
      input.focus();
    }
  });
}

export function signOut({ message = 'Signed out.', error = null } = {}) {
  clearTimeout(state.timer);
  state.timer = null;
  state.key = null;
  state.me = null;
  state.sources = [];
  state.eventsTaskId = null;
  state.detailId = null;
  for (const name of Object.keys(state.seq)) state.seq[name] += 1; // late answers are dropped
  try {
    sessionStorage.clear();
  } catch (e) {
    /* nothing stored */
  }
  resetViews();
  show($('nav'), false);
  show($('account'), false);
  show($('nav-operator'), false);
  show($('exports-view'), false);
  show($('operator-view'), false);
  show($('sign-in-view'), true);
  clearError();
  if (error) showError(error);
  if (message) showNotice(message);
  $('api-key').focus();
}

export function handleExpiredKey(error) {
  signOut({ message: '', error: new ApiError(401, {
    title: 'Signed out',
    detail: `${error.detail} Sign in again with a valid API key.`,
    code: error.code,
  }) });
}

function resetViews() {
  $('who').replaceChildren();
  $('exports-heading').textContent = 'My exports';
  $('nav-exports').textContent = 'My exports';
  $('export-source').replaceChildren();
  $('param-names').replaceChildren();
  $('param-hint').replaceChildren();
  $('export-params').value = '';
  resetSearchForm();
  $('exports').tBodies[0].replaceChildren();
  $('events-list').replaceChildren();
  $('task-summary').replaceChildren();
  show($('events'), false);
  $('jobs').replaceChildren();
  $('queue').replaceChildren();
  $('throughput').replaceChildren();
  $('executions').tBodies[0].replaceChildren();
  show($('execution-detail'), false);
  $('exports-updated').textContent = '';
  $('operator-updated').textContent = '';
}

/** Signs in again with the key this tab remembers, if any (a reload keeps the session). */
export async function resumeSession() {
  let key = null;
  try {
    key = sessionStorage.getItem(STORAGE_KEY);
  } catch (e) {
    key = null;
  }
  if (!key) {
    $('api-key').focus();
    return;
  }
  try {
    await signIn(key, { remembered: true });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      try {
        sessionStorage.removeItem(STORAGE_KEY);
      } catch (e) {
        /* nothing stored */
      }
    }
    showError(error);
    $('api-key').focus();
  }
}
