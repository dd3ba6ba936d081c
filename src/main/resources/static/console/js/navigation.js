/*
 * Which view shows (My exports or Operator, remembered in the tab) and its refresh: now, then every 10 seconds
 * while the page is visible, as the API asks.
 */
import { $, show } from './dom.js';
import { REFRESH_MS, state, VIEW_KEY } from './state.js';
import { loadExportsView } from './exports/list.js';
import { loadOperator } from './operator/view.js';

export function showView(view, { focus = false } = {}) {
  state.view = view;
  try {
    sessionStorage.setItem(VIEW_KEY, view);
  } catch (e) {
    /* not remembered */
  }
  show($('exports-view'), view === 'exports');
  show($('operator-view'), view === 'operator');
  for (const [id, name] of [['nav-exports', 'exports'], ['nav-operator', 'operator']]) {
    if (name === view) $(id).setAttribute('aria-current', 'page');
    else $(id).removeAttribute('aria-current');
  }
  if (focus) $(view === 'operator' ? 'operator-heading' : 'exports-heading').focus();
  refreshNow();
}

/** Refreshes the visible view now and schedules the next refresh. */
export async function refreshNow() {
  clearTimeout(state.timer);
  if (!state.me || !state.key) return;
  if (state.view === 'operator') await loadOperator();
  else await loadExportsView();
  scheduleRefresh();
}

function scheduleRefresh() {
  clearTimeout(state.timer);
  if (!state.me || document.hidden) return;
  state.timer = setTimeout(refreshNow, REFRESH_MS);
}

export function onVisibilityChange() {
  if (document.hidden) clearTimeout(state.timer);
  else if (state.me) refreshNow();
}
