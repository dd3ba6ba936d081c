/*
 * The notice (#notice, polite) and the error (#error, an alert with the problem's title, detail, offending
 * parameters and hints) above the views.
 */
import { ApiError } from './api.js';
import { $, el, reveal } from './dom.js';
import { fmtInt } from './format.js';
import { NOTICE_MS, state } from './state.js';

export function showNotice(text) {
  const notice = $('notice');
  clearTimeout(state.noticeTimer);
  notice.textContent = text;
  state.noticeTimer = setTimeout(() => { notice.textContent = ''; }, NOTICE_MS);
}

function clearNotice() {
  clearTimeout(state.noticeTimer);
  $('notice').textContent = '';
}

/**
 * Shows an error in #error: its title, the problem's detail, each offending parameter, and hints such as
 * Retry-After. `origin` says who raised it, so an automatic refresh clears only its own errors.
 */
export function showError(error, origin = 'action') {
  const box = $('error');
  const problem = error instanceof ApiError ? error : new ApiError(-1, { title: 'Something went wrong', detail: String(error && error.message || error) });
  const parts = [el('p', { class: 'error-title' }, problem.title)];
  if (problem.detail && problem.detail !== problem.title) parts.push(el('p', { class: 'error-detail' }, problem.detail));
  if (problem.errors.length) {
    parts.push(el('ul', { class: 'error-list' }, problem.errors.map((e) => el('li', {},
      el('code', {}, String(e.parameter ?? '')), `: ${e.message ?? ''}`))));
  }
  const extra = [];
  if (problem.problem.matchedRows !== undefined) extra.push(`Matched rows: ${fmtInt(problem.problem.matchedRows)}`);
  if (problem.problem.limit !== undefined) extra.push(`limit: ${fmtInt(problem.problem.limit)}`);
  if (problem.retryAfter) extra.push(`Try again in ${problem.retryAfter} s`);
  if (problem.code) extra.push(`Code ${problem.code}`);
  if (problem.status > 0) extra.push(`HTTP ${problem.status}`);
  if (extra.length) parts.push(el('p', { class: 'error-meta' }, extra.join(' · ')));
  box.replaceChildren(...parts);
  state.errorOrigin = origin;
  if (origin !== 'refresh') reveal(box);
}

export function clearError(origin) {
  if (origin && state.errorOrigin !== origin) return;
  $('error').replaceChildren();
  state.errorOrigin = null;
}

/** Starts a user action: earlier messages go, so what shows next belongs to this action. */
export function beginAction() {
  clearError();
  clearNotice();
}
