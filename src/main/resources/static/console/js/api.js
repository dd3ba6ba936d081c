/*
 * The API client: every request of the console goes through api(), which sends the signed-in key (X-API-Key),
 * asks for JSON and turns an error answer (RFC 9457 problem details, application/problem+json) or a network
 * failure into an ApiError.
 */
import { state } from './state.js';

/** An error answer of the API (RFC 9457 problem details), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    const title = (problem && problem.title) || defaultTitle(status);
    super((problem && problem.detail) || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = (problem && problem.detail) || defaultDetail(status);
    this.code = (problem && problem.code) || null;
    this.errors = Array.isArray(problem && problem.errors) ? problem.errors : [];
    this.problem = problem || {};
    this.retryAfter = headers ? headers.get('Retry-After') : null;
  }
}

function defaultTitle(status) {
  const titles = { 0: 'Network error', 400: 'Bad request', 401: 'Not signed in', 403: 'Not allowed',
    404: 'Not found', 409: 'Conflict', 410: 'Gone', 422: 'Too many rows', 429: 'Too many exports',
    503: 'Service unavailable' };
  return titles[status] || (status >= 500 ? 'Server error' : `HTTP ${status}`);
}

function defaultDetail(status) {
  if (status === 0) return 'The service could not be reached. Check your connection and try again.';
  if (status === 401) return 'The API key was not accepted.';
  if (status === 403) return 'Your credential does not allow this.';
  if (status >= 500) return 'The service could not complete the request. Try again in a moment.';
  return 'The request could not be completed.';
}

let keyRejected = () => {};

/** What to do when the signed-in key is refused (401) while signed in: the session signs out. */
export function whenKeyRejected(handler) {
  keyRejected = handler;
}

/**
 * Calls the API with the signed-in key. Resolves to the parsed JSON body (or, with `withResponse`, to
 * `{status, data, headers}`); rejects with an ApiError built from the problem details.
 */
export async function api(path, options = {}) {
  const { method = 'GET', key = state.key, withResponse = false } = options;
  const headers = { Accept: 'application/json, application/problem+json' };
  if (key) headers['X-API-Key'] = key;
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'follow' });
  } catch (cause) {
    throw new ApiError(0, null, null);
  }
  const data = await readBody(response);
  if (!response.ok) {
    const error = new ApiError(response.status, isObject(data) ? data : null, response.headers);
    if (response.status === 401 && key && key === state.key && state.me) keyRejected(error);
    throw error;
  }
  return withResponse ? { status: response.status, data, headers: response.headers } : data;
}

async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text().catch(() => '');
  if (!text) return null;
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }
  return null;
}

export const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
export const enc = encodeURIComponent;
