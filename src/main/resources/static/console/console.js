/*
 * Export service console: a user's exports and, for operators, the job explorer.
 *
 * Plain ES2020, no framework, no build step. The page runs under a strict Content-Security-Policy, so this file
 * never writes HTML from data (textContent only), never sets a style attribute, and wires every handler here.
 */
(() => {
  'use strict';

  const STORAGE_KEY = 'export-console.api-key';
  const VIEW_KEY = 'export-console.view';
  const REFRESH_MS = 10_000; // the API asks clients to poll every 10 seconds
  const NOTICE_MS = 30_000;
  const ACTIVE_STATUSES = new Set(['Pending', 'Processing']);
  const BATCH_STATUS_ORDER = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'COMPLETED', 'FAILED', 'ABANDONED', 'UNKNOWN'];
  const EXECUTION_ACTIONS = {
    restart: { allowed: ['FAILED', 'STOPPED'], label: 'Restart', verb: 'restart',
      explain: 'The task goes back through Pending and the job resumes where it stopped.' },
    stop: { allowed: ['STARTED', 'STARTING'], label: 'Stop', verb: 'stop',
      explain: 'The running job stops at its next check and its task becomes Cancelled.' },
    abandon: { allowed: ['FAILED', 'STOPPED', 'STARTED'], label: 'Abandon', verb: 'abandon',
      explain: 'The execution is marked abandoned and can no longer be restarted; its task becomes Failed.' },
  };

  const state = {
    key: null,
    me: null,
    view: 'exports',
    sources: [],
    timer: null,
    noticeTimer: null,
    errorOrigin: null,
    eventsTaskId: null,
    detailId: null,
    seq: { exports: 0, events: 0, executions: 0, detail: 0 },
  };

  const $ = (id) => document.getElementById(id);

  /* ------------------------------------------------------------------ API */

  /** An error answer of the API (RFC 9457 problem details), or a network failure (status 0). */
  class ApiError extends Error {
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

  /**
   * Calls the API with the signed-in key. Resolves to the parsed JSON body (or, with `withResponse`, to
   * `{status, data, headers}`); rejects with an ApiError built from the problem details.
   */
  async function api(path, options = {}) {
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
      if (response.status === 401 && key && key === state.key && state.me) handleExpiredKey(error);
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

  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  const enc = encodeURIComponent;

  /* ------------------------------------------------------------ DOM helpers */

  /** Creates an element. Attributes are set one by one; `text` sets textContent; never a style or on* attribute. */
  function el(tag, attrs = {}, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  /** Creates an SVG element (same rules as el). */
  function svgEl(tag, attrs = {}, ...children) {
    return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
  }

  function build(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'style' || name.startsWith('on')) throw new Error(`refusing attribute ${name}`);
      if (name === 'text') node.textContent = String(value);
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
    }
    appendAll(node, children);
    return node;
  }

  function appendAll(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Remembers which control in a container has focus, to put it back after the container is re-rendered. */
  function rememberFocus(container) {
    const active = document.activeElement;
    if (!active || active === document.body || !container.contains(active)) return null;
    const row = active.closest('tr');
    const key = row && (row.dataset.taskId || row.dataset.executionId);
    if (!key) return null;
    const cls = active.classList[0];
    const same = cls ? [...row.getElementsByClassName(cls)] : [];
    return { element: active, key, cls, index: Math.max(0, same.indexOf(active)) };
  }

  function restoreFocus(container, memo) {
    if (!memo || document.activeElement === memo.element) return;
    if (document.activeElement && document.activeElement !== document.body && !container.contains(document.activeElement)) return;
    const row = container.querySelector(`tr[data-task-id="${CSS.escape(memo.key)}"], tr[data-execution-id="${CSS.escape(memo.key)}"]`);
    if (!row) return;
    const target = (memo.cls && row.getElementsByClassName(memo.cls)[memo.index]) || row.querySelector('button, a');
    if (target && !target.disabled) target.focus({ preventScroll: true });
  }

  /**
   * Brings a table body in line with `items`, keyed by `keyOf`. A row stays the same element for as long as its
   * item is listed: when the item changed, only the cells that differ are replaced, so the other controls keep
   * their focus and identity (for keyboard users, and for anyone holding a reference to them). `empty` is the row
   * shown for no items.
   */
  const rowSignatures = new WeakMap();

  function syncRows(tbody, items, keyOf, buildRow, empty) {
    const memo = rememberFocus(tbody);
    const existing = new Map();
    for (const row of tbody.rows) {
      const known = rowSignatures.get(row);
      if (known) existing.set(known.key, row);
    }
    const rows = items.map((item) => {
      const key = String(keyOf(item));
      const signature = JSON.stringify(item);
      const old = existing.get(key);
      if (old && rowSignatures.get(old).signature === signature) return old;
      const row = buildRow(item);
      if (old) {
        patchRow(old, row);
        rowSignatures.set(old, { key, signature });
        return old;
      }
      rowSignatures.set(row, { key, signature });
      return row;
    });
    if (!rows.length) {
      const placeholder = empty();
      const only = tbody.rows.length === 1 ? tbody.rows[0] : null;
      const same = only && only.classList.contains('empty-row') && only.textContent === placeholder.textContent;
      rows.push(same ? only : placeholder);
    }
    const current = [...tbody.rows];
    if (current.length !== rows.length || current.some((row, i) => row !== rows[i])) tbody.replaceChildren(...rows);
    restoreFocus(tbody, memo);
  }

  /** Makes `row` show what `fresh` shows, replacing only the cells that differ. */
  function patchRow(row, fresh) {
    for (const { name, value } of fresh.attributes) {
      if (name !== 'class' && row.getAttribute(name) !== value) row.setAttribute(name, value);
    }
    const cells = [...row.cells];
    const freshCells = [...fresh.cells];
    if (cells.length !== freshCells.length) {
      row.replaceChildren(...freshCells);
      return;
    }
    freshCells.forEach((cell, i) => {
      if (!cells[i].isEqualNode(cell)) cells[i].replaceWith(cell);
    });
  }

  function emptyRow(columns, text, cls = 'empty') {
    return el('tr', { class: 'empty-row' }, el('td', { colspan: columns, class: cls }, text));
  }

  /** Scrolls a node into view, smoothly unless the reader asked for reduced motion. */
  function reveal(node) {
    const still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    node.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  /* ------------------------------------------------------------- formatting */

  const numberFormat = new Intl.NumberFormat();
  const decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

  const fmtInt = (n) => (n === null || n === undefined || Number.isNaN(Number(n)) ? '—' : numberFormat.format(Number(n)));

  function fmtBytes(bytes) {
    if (bytes === null || bytes === undefined) return '';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${unit === 0 ? fmtInt(value) : decimalFormat.format(value)} ${units[unit]}`;
  }

  function parseTime(iso) {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  /** A <time> element in the reader's local time, with the exact UTC time as its tooltip. */
  function timeEl(iso, fallback = '—') {
    const date = parseTime(iso);
    if (!date) return el('span', { class: 'muted' }, fallback);
    return el('time', { datetime: iso, title: iso }, dateTimeFormat.format(date));
  }

  function fmtDuration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms) || ms < 0) return '—';
    if (ms < 1000) return `${Math.round(ms)} ms`;
    const seconds = ms / 1000;
    if (seconds < 60) return `${decimalFormat.format(seconds)} s`;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
    return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  }

  function durationBetween(startIso, endIso) {
    const start = parseTime(startIso);
    const end = parseTime(endIso);
    return start && end ? end - start : null;
  }

  function statusBadge(status, kind = 'task') {
    const slug = String(status || 'unknown').toLowerCase().replace(/[^a-z]+/g, '-');
    return el('span', { class: `badge badge-${kind} badge-${slug}` }, status || 'UNKNOWN');
  }

  /* ------------------------------------------------------------- messages */

  function showNotice(text) {
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
  function showError(error, origin = 'action') {
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

  function clearError(origin) {
    if (origin && state.errorOrigin !== origin) return;
    $('error').replaceChildren();
    state.errorOrigin = null;
  }

  /** Starts a user action: earlier messages go, so what shows next belongs to this action. */
  function beginAction() {
    clearError();
    clearNotice();
  }

  /**
   * Runs `work` with `button` marked busy, so a double click does not send twice. The button is not disabled
   * (a disabled button loses keyboard focus); aria-disabled tells assistive technology, and clicks are ignored.
   */
  async function withBusy(button, work) {
    if (button && button.dataset.busy) return undefined;
    if (button) {
      button.dataset.busy = 'true';
      button.setAttribute('aria-disabled', 'true');
      button.setAttribute('aria-busy', 'true');
    }
    try {
      return await work();
    } finally {
      if (button) {
        delete button.dataset.busy;
        button.removeAttribute('aria-disabled');
        button.removeAttribute('aria-busy');
      }
    }
  }

  /* ---------------------------------------------------------------- sign in */

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

  function sourceNames(list) {
    return Array.isArray(list) ? list.map((s) => (isObject(s) ? s.name : s)).filter(Boolean).map(String) : [];
  }

  async function onSignInSubmit(event) {
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

  function signOut({ message = 'Signed out.', error = null } = {}) {
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

  function handleExpiredKey(error) {
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

  /* ------------------------------------------------------------------ views */

  function showView(view, { focus = false } = {}) {
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
  async function refreshNow() {
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

  function onVisibilityChange() {
    if (document.hidden) clearTimeout(state.timer);
    else if (state.me) refreshNow();
  }

  function stampUpdated(id) {
    $(id).textContent = `Updated ${timeFormat.format(new Date())}`;
  }

  /* ---------------------------------------------------------------- sources */

  async function loadSources() {
    let sources;
    try {
      sources = await api('/api/v1/sources');
    } catch (error) {
      if (!state.me) return;
      // without the catalogue the user can still export the sources of the key, with the advanced query box
      sources = sourceNames(state.me.sources).map((name) => ({ name, title: name, parameters: [] }));
      if (!sources.length) showError(error);
    }
    if (!state.me) return;
    const granted = sourceNames(state.me.sources);
    const list = (Array.isArray(sources) ? sources : [])
      .filter((s) => s && s.name)
      .filter((s) => !granted.length || granted.includes(s.name));
    state.sources = list;
    renderSourceOptions();
  }

  function renderSourceOptions() {
    const select = $('export-source');
    const previous = select.value;
    const options = state.sources.map((s) => el('option', { value: s.name }, s.title || s.name));
    if (!options.length) options.push(el('option', { value: '', disabled: true }, 'No source available'));
    select.replaceChildren(...options);
    if (state.sources.some((s) => s.name === previous)) select.value = previous;
    $('export-submit').disabled = !state.sources.length;
    onSourceChange();
  }

  function currentSource() {
    return state.sources.find((s) => s.name === $('export-source').value) || null;
  }

  function sourceParameters(source) {
    return (source && Array.isArray(source.parameters) ? source.parameters : []).filter((p) => p && p.name);
  }

  function onSourceChange() {
    renderSearchForm();
    renderParameterHelp();
    runCount();
  }

  /* ------------------------------------------------------------ search form */

  /*
   * The form is built from the source's parameter definitions (GET /api/v1/sources): a tag input per term
   * parameter, from/to inputs per range (number or date inputs, as the field is), four numbers for the bounding
   * box, the text query and the column prefixes. It writes the query string in the service's canonical order
   * (parameters by name, values sorted, each value form-encoded, commas between values), so the query shown is the
   * one the task will record. While the user edits, the matching rows are counted (debounced) with
   * GET /sources/{source}/count, which checks the parameters exactly as starting the export would: its problems
   * are shown next to the inputs they name.
   */

  const COUNT_DEBOUNCE_MS = 400;
  const BOX_CORNERS = [
    { key: 'west', label: 'West', hint: 'min lon', min: '-180', max: '180' },
    { key: 'south', label: 'South', hint: 'min lat', min: '-90', max: '90' },
    { key: 'east', label: 'East', hint: 'max lon', min: '-180', max: '180' },
    { key: 'north', label: 'North', hint: 'max lat', min: '-90', max: '90' },
  ];

  const form = {
    fields: [], // what the form offers, one entry per parameter (a range counts once)
    targets: new Map(), // parameter as the API names it (sio2.min) -> { inputs, error } for its problems
    timer: null,
    seq: 0,
    ids: 0,
  };

  const uid = (prefix) => `${prefix}-${++form.ids}`;

  /** application/x-www-form-urlencoded as Java's URLEncoder writes it (the service's canonical query). */
  const formEncode = (text) => encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

  /** Orders as Java's String.compareTo does (UTF-16 code units), like the service's TreeMap and TreeSet. */
  const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  const isAdvanced = () => $('advanced-mode').checked;

  function renderSearchForm() {
    const source = currentSource();
    form.fields = [];
    form.targets.clear();
    const container = $('search-fields');
    if (!source) {
      container.replaceChildren();
      return;
    }
    const parameters = sourceParameters(source);
    const fields = [];
    const text = parameters.find((p) => p.kind === 'text');
    if (text) fields.push(textField(text));
    const termHint = el('p', { id: uid('hint'), class: 'field-hint group-hint' },
      'Lists: type a value and press Enter (or a comma) for the next; any of them matches.');
    for (const p of parameters) {
      if (p.kind === 'term') fields.push(tagField(p.name, { hintId: termHint.id, numeric: p.type === 'number' }));
    }
    for (const p of parameters) {
      if (p.kind === 'range') fields.push(rangeField(p));
    }
    for (const p of parameters) {
      if (p.kind === 'geo_bbox') fields.push(boxField(p));
    }
    fields.push(tagField('columns', { label: 'Columns', hint: 'Column name prefixes, e.g. chemistry.whole_rock; none for every column.', wide: true }));
    form.fields = fields;
    const groups = [
      ['search-text', fields.filter((f) => f.group === 'text')],
      ['search-terms', fields.filter((f) => f.group === 'term')],
      ['search-ranges', fields.filter((f) => f.group === 'range')],
      ['search-boxes', fields.filter((f) => f.group === 'box')],
      ['search-columns', fields.filter((f) => f.group === 'columns')],
    ].filter(([, list]) => list.length);
    container.replaceChildren(...groups.map(([cls, list]) => el('div', { class: `search-group ${cls}` },
      cls === 'search-terms' ? termHint : null, list.map((f) => f.node))));
  }

  function errorNode(parameter) {
    return el('p', { class: 'field-error', id: uid('error'), 'data-error-for': parameter });
  }

  function target(parameter, inputs, error) {
    form.targets.set(parameter, { inputs, error });
  }

  function textField(p) {
    const id = uid('field');
    const error = errorNode(p.name);
    const input = el('input', { id, type: 'search', class: 'search-text-input', 'data-param': p.name, autocomplete: 'off',
      spellcheck: 'false', placeholder: 'basalt glass', 'aria-describedby': error.id });
    input.addEventListener('input', scheduleCount);
    target(p.name, [input], error);
    return {
      group: 'text',
      node: el('div', { class: 'field' }, el('label', { for: id }, 'Text search ', el('code', { class: 'param-name' }, p.name)), input, error),
      read: () => {
        const value = input.value.trim();
        return { entries: value ? [[p.name, formEncode(value)]] : [], problems: [] };
      },
      fill: (name, value) => {
        if (name !== p.name) return false;
        input.value = value;
        return true;
      },
    };
  }

  /** A tag input: each value a removable chip; what is typed but not yet added counts too. */
  function tagField(name, { label = name, hint = '', hintId = uid('hint'), numeric = false, wide = false } = {}) {
    const id = uid('field');
    const error = errorNode(name);
    const values = [];
    const list = el('ul', { class: 'tag-list', 'aria-label': `Values of ${name}` });
    const entry = el('input', {
      id, type: 'text', class: 'tag-entry', 'data-param': name, autocomplete: 'off', autocapitalize: 'off',
      spellcheck: 'false', inputmode: numeric ? 'decimal' : null, 'aria-describedby': `${hintId} ${error.id}`,
    });
    const box = el('div', { class: 'tags' }, list, entry);

    const split = (text) => text.split(',').map((v) => v.trim()).filter(Boolean);
    const render = () => list.replaceChildren(...values.map((v) => el('li', { class: 'tag' },
      el('span', { class: 'tag-text' }, v),
      el('button', { type: 'button', class: 'tag-remove', 'data-value': v, 'aria-label': `Remove ${v} from ${name}` }, '×'))));
    const add = (text) => {
      for (const v of split(text)) if (!values.includes(v)) values.push(v);
      render();
    };

    entry.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ',') && entry.value.trim()) {
        event.preventDefault(); // Enter on an empty entry still submits the form
        add(entry.value);
        entry.value = '';
        scheduleCount();
      } else if (event.key === 'Backspace' && !entry.value && values.length) {
        values.pop();
        render();
        scheduleCount();
      }
    });
    entry.addEventListener('input', () => {
      // a pasted "rock, glass" becomes chips, the part after the last comma stays in the entry
      const at = entry.value.lastIndexOf(',');
      if (at >= 0) {
        add(entry.value.slice(0, at));
        entry.value = entry.value.slice(at + 1).trimStart();
      }
      scheduleCount();
    });
    entry.addEventListener('blur', () => {
      if (!entry.value.trim()) return;
      add(entry.value);
      entry.value = '';
    });
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button.tag-remove');
      if (!button) return;
      const i = values.indexOf(button.dataset.value);
      if (i >= 0) values.splice(i, 1);
      render();
      entry.focus();
      scheduleCount();
    });
    box.addEventListener('click', (event) => {
      if (!event.target.closest('button')) entry.focus();
    });
    target(name, [entry], error);
    return {
      group: name === 'columns' ? 'columns' : 'term',
      node: el('div', { class: `field${wide ? ' field-wide' : ''}` },
        el('label', { for: id }, label === name ? el('code', { class: 'param-name' }, name) : [label, ' ', el('code', { class: 'param-name' }, name)]),
        box, hint ? el('p', { id: hintId, class: 'field-hint' }, hint) : null, error),
      read: () => {
        const all = [...values];
        for (const v of split(entry.value)) if (!all.includes(v)) all.push(v);
        return { entries: all.length ? [[name, all.sort(byCodeUnits).map(formEncode).join(',')]] : [], problems: [] };
      },
      fill: (param, value) => {
        if (param !== name) return false;
        add(value);
        return true;
      },
    };
  }

  /** From and to of a range parameter: number inputs for a number field, date inputs for a date field. */
  function rangeField(p) {
    const type = p.type === 'date' ? 'date' : p.type === 'number' ? 'number' : 'text';
    const legendId = uid('legend');
    const bounds = [['min', 'from'], ['max', 'to']].map(([bound, word]) => {
      const parameter = `${p.name}.${bound}`;
      const id = uid('field');
      const error = errorNode(parameter);
      const input = el('input', {
        id, type, class: 'range-input', 'data-param': parameter, step: type === 'number' ? 'any' : null,
        inputmode: type === 'number' ? 'decimal' : null, 'aria-describedby': error.id,
      });
      input.addEventListener('input', scheduleCount);
      input.addEventListener('change', scheduleCount);
      target(parameter, [input], error);
      return { parameter, input, node: el('div', { class: 'field' }, el('label', { for: id, class: 'bound-label' }, word), input, error) };
    });
    const unit = type === 'date' ? 'dates' : type === 'number' ? 'numbers' : '';
    return {
      group: 'range',
      node: el('fieldset', { class: 'range', 'data-param': p.name, 'aria-labelledby': legendId },
        el('legend', { id: legendId }, el('code', { class: 'param-name' }, p.name), unit ? el('span', { class: 'field-hint' }, ` ${unit}, inclusive`) : null),
        el('div', { class: 'range-bounds' }, bounds.map((b) => b.node))),
      read: () => {
        const entries = [];
        const problems = [];
        for (const { parameter, input } of bounds) {
          if (input.validity && input.validity.badInput) {
            problems.push({ parameter, message: type === 'date' ? 'must be a whole date' : 'must be a number' });
          } else if (input.value.trim()) {
            entries.push([parameter, formEncode(input.value.trim())]);
          }
        }
        return { entries, problems };
      },
      fill: (name, value) => {
        const bound = bounds.find((b) => b.parameter === name);
        if (!bound) return false;
        bound.input.value = value;
        return bound.input.value === value; // a date or number input refuses what it cannot hold
      },
    };
  }

  /** A bounding box as four numbers: west, south, east, north (minLon, minLat, maxLon, maxLat). */
  function boxField(p) {
    const legendId = uid('legend');
    const error = errorNode(p.name);
    const corners = BOX_CORNERS.map((corner) => {
      const id = uid('field');
      const input = el('input', {
        id, type: 'number', step: 'any', min: corner.min, max: corner.max, inputmode: 'decimal', class: 'box-input',
        'data-corner': corner.key, 'aria-describedby': error.id,
      });
      input.addEventListener('input', scheduleCount);
      return { input, node: el('div', { class: 'field' }, el('label', { for: id }, corner.label, ' ', el('span', { class: 'field-hint' }, corner.hint)), input) };
    });
    const inputs = corners.map((c) => c.input);
    target(p.name, inputs, error);
    return {
      group: 'box',
      node: el('fieldset', { class: 'box', 'data-param': p.name, 'aria-labelledby': legendId },
        el('legend', { id: legendId }, 'Bounding box ', el('code', { class: 'param-name' }, p.name)),
        el('div', { class: 'box-corners' }, corners.map((c) => c.node)), error),
      read: () => {
        if (inputs.some((input) => input.validity && input.validity.badInput)) {
          return { entries: [], problems: [{ parameter: p.name, message: 'must be four numbers' }] };
        }
        const values = inputs.map((input) => input.value.trim());
        if (values.every((v) => !v)) return { entries: [], problems: [] };
        if (values.some((v) => !v)) {
          return { entries: [], problems: [{ parameter: p.name, message: 'needs all four: west, south, east and north (or none)' }] };
        }
        return { entries: [[p.name, values.map(formEncode).join(',')]], problems: [] };
      },
      fill: (name, value) => {
        const parts = value.split(',').map((v) => v.trim());
        if (name !== p.name || parts.length !== 4) return false;
        inputs.forEach((input, i) => { input.value = parts[i]; });
        return inputs.every((input, i) => input.value === parts[i]);
      },
    };
  }

  /** The search the form (or the advanced box) describes: its query string, file type and any problem found here. */
  function currentSearch(advanced = isAdvanced()) {
    if (advanced) {
      const { params, fileType, compression } = normaliseParams($('export-params').value);
      return { query: params.toString(), fileType: fileType || $('export-format').value,
        compression: compression || $('export-compression').value, problems: [] };
    }
    const entries = [];
    const problems = [];
    for (const field of form.fields) {
      const { entries: e, problems: p } = field.read();
      entries.push(...e);
      problems.push(...p);
    }
    entries.sort((a, b) => byCodeUnits(a[0], b[0]));
    return { query: entries.map(([name, value]) => `${formEncode(name)}=${value}`).join('&'),
      fileType: $('export-format').value, compression: $('export-compression').value, problems };
  }

  function searchString(search) {
    let output = `fileType=${formEncode(search.fileType)}`;
    if (search.compression && search.compression !== 'none') output += `&compression=${formEncode(search.compression)}`;
    return search.query ? `${search.query}&${output}` : output;
  }

  /** XLSX is a zip already: gzip is not offered with it (the service would refuse it). */
  function syncCompression() {
    const xlsx = $('export-format').value === 'xlsx';
    const select = $('export-compression');
    if (xlsx) select.value = 'none';
    select.disabled = xlsx;
  }

  /** A task's file type as the lists show it: `csv`, `ndjson (gzip)`, … */
  function fileTypeText(task) {
    if (!task.fileType) return '';
    return task.compression && task.compression !== 'none' ? `${task.fileType} (${task.compression})` : task.fileType;
  }

  function showQuery(query) {
    const line = $('export-query');
    line.textContent = query || '(every row)';
    line.classList.toggle('muted', !query);
  }

  /** Shows each problem next to the input it names; the others in the list under the form (or the advanced box). */
  function showFieldErrors(errors) {
    for (const { inputs, error } of form.targets.values()) {
      error.replaceChildren();
      for (const input of inputs) input.removeAttribute('aria-invalid');
    }
    $('export-params').removeAttribute('aria-invalid');
    const loose = [];
    for (const problem of errors) {
      const parameter = String(problem.parameter ?? '');
      const message = String(problem.message ?? '');
      const place = isAdvanced() ? null : form.targets.get(parameter);
      if (!place) {
        loose.push(el('li', {}, el('code', {}, parameter), `: ${message}`));
        continue;
      }
      place.error.textContent = place.error.textContent ? `${place.error.textContent}; ${message}` : message;
      for (const input of place.inputs) input.setAttribute('aria-invalid', 'true');
    }
    if (isAdvanced() && errors.length) $('export-params').setAttribute('aria-invalid', 'true');
    $('advanced-errors').replaceChildren(...(isAdvanced() ? loose : []));
    $('form-errors').replaceChildren(...(isAdvanced() ? [] : loose));
  }

  function firstInvalidInput() {
    if (isAdvanced()) return $('export-params');
    return $('search-fields').querySelector('[aria-invalid="true"]');
  }

  function setCount(kind, ...content) {
    const line = $('export-count');
    line.className = `export-count count-${kind}`;
    line.replaceChildren(...content);
  }

  function scheduleCount() {
    clearTimeout(form.timer);
    form.seq += 1; // an answer for what the user has since changed is dropped
    if (!isAdvanced()) showQuery(currentSearch().query);
    $('export-count').setAttribute('aria-busy', 'true');
    form.timer = setTimeout(runCount, COUNT_DEBOUNCE_MS);
  }

  async function runCount() {
    clearTimeout(form.timer);
    const seq = ++form.seq;
    const source = currentSource();
    const line = $('export-count');
    if (!source || !state.me) {
      line.removeAttribute('aria-busy');
      showQuery('');
      setCount('none');
      return;
    }
    const search = currentSearch();
    showQuery(search.query);
    if (search.problems.length) {
      line.removeAttribute('aria-busy');
      showFieldErrors(search.problems);
      setCount('problem', 'Fix the marked fields to see how many rows match.');
      return;
    }
    line.setAttribute('aria-busy', 'true');
    try {
      const answer = await api(`/api/v1/sources/${enc(source.name)}/count?${searchString(search)}`);
      if (seq !== form.seq || !state.me) return;
      showFieldErrors([]);
      showQuery(answer.query);
      const rows = Number(answer.matchedRows);
      const count = el('strong', { class: 'count-rows', 'data-rows': String(rows) }, fmtInt(rows));
      if (rows === 0) setCount('empty', count, ' rows match: the export would hold only the header.');
      else setCount('ok', count, rows === 1 ? ' row matches' : ' rows match',
        el('span', { class: 'count-limit muted' }, ` (one export holds at most ${fmtInt(answer.limit)})`));
    } catch (error) {
      if (seq !== form.seq || !state.me) return;
      if (error.status === 400) {
        showFieldErrors(error.errors.length ? error.errors : [{ parameter: 'query', message: error.detail }]);
        setCount('problem', 'Fix the marked fields to see how many rows match.');
      } else if (error.status === 422) {
        showFieldErrors([]);
        const rows = error.problem.matchedRows;
        setCount('too-many', el('strong', { class: 'count-rows', 'data-rows': String(rows) }, fmtInt(rows)),
          ` rows match: more than the ${fmtInt(error.problem.limit)} one export may hold. Narrow the search.`);
      } else if (error.status === 429 && error.code === 'TOO_MANY_REQUESTS') {
        // the searches of one owner are rate-limited: count again once the service allows it
        const wait = Math.max(1, Number(error.retryAfter) || 5);
        setCount('unknown', `Too many searches in a short time: counting again in ${wait} s.`);
        form.timer = setTimeout(runCount, wait * 1000);
      } else {
        setCount('unknown', `The matching rows cannot be counted right now: ${error.detail}`);
      }
    } finally {
      if (seq === form.seq) line.removeAttribute('aria-busy');
    }
  }

  /** Switching to the advanced box carries the form's query over; switching back fills the form from the box. */
  function onModeChange() {
    const advanced = isAdvanced();
    $('form-note').textContent = '';
    if (advanced) {
      $('export-params').value = currentSearch(false).query;
    } else {
      fillForm($('export-params').value);
    }
    show($('advanced'), advanced);
    show($('search-fields'), !advanced);
    showFieldErrors([]);
    runCount();
  }

  function fillForm(text) {
    renderSearchForm();
    const { params, fileType, compression } = normaliseParams(text);
    if (fileType && [...$('export-format').options].some((o) => o.value === fileType)) $('export-format').value = fileType;
    if (compression && [...$('export-compression').options].some((o) => o.value === compression)) {
      $('export-compression').value = compression;
    }
    syncCompression();
    const left = [];
    for (const [name, value] of params) {
      if (!form.fields.some((field) => field.fill(name, value))) left.push(`${name}=${value}`);
    }
    if (left.length) $('form-note').textContent = `Not in the form, left out: ${left.join(' & ')}.`;
  }

  function resetSearchForm() {
    clearTimeout(form.timer);
    form.seq += 1;
    form.fields = [];
    form.targets.clear();
    $('search-fields').replaceChildren();
    $('advanced-mode').checked = false;
    show($('advanced'), false);
    show($('search-fields'), true);
    $('export-query').textContent = '';
    $('export-count').replaceChildren();
    $('export-count').removeAttribute('aria-busy');
    $('form-errors').replaceChildren();
    $('advanced-errors').replaceChildren();
    $('form-note').textContent = '';
  }

  /* the advanced box: the query typed by hand, with the source's parameters offered as you type */

  /** The parameter forms a source accepts, as the user would type them: `x=`, `x.min=`, `x.max=`. */
  function parameterTokens(source) {
    const tokens = [];
    const add = (token, help) => {
      if (!tokens.some((t) => t.token === token)) tokens.push({ token, help });
    };
    for (const p of sourceParameters(source)) {
      if (p.kind === 'range') {
        add(`${p.name}.min=`, `${p.name}: from (inclusive${p.type === 'date' ? ', yyyy-MM-dd' : ''})`);
        add(`${p.name}.max=`, `${p.name}: to (inclusive${p.type === 'date' ? ', yyyy-MM-dd' : ''})`);
      } else if (p.kind === 'geo_bbox') {
        add(`${p.name}=`, 'minLon,minLat,maxLon,maxLat');
      } else if (p.name === 'q') {
        add('q=', 'full-text search');
      } else if (p.name === 'columns') {
        add('columns=', 'column name prefixes, comma separated');
      } else {
        add(`${p.name}=`, 'one or more values, comma separated');
      }
    }
    if (source) add('columns=', 'column name prefixes, comma separated');
    return tokens;
  }

  function renderParameterHelp() {
    const source = currentSource();
    const tokens = parameterTokens(source);
    $('param-names').replaceChildren(...tokens.map((t) => el('option', { value: t.token, label: t.help })));
    const hint = $('param-hint');
    if (!source) {
      hint.replaceChildren(el('p', { class: 'muted small' }, 'Choose a source to see its parameters.'));
      return;
    }
    const chips = tokens.map((t) => el('button', {
      type: 'button', class: 'chip', 'data-token': t.token, title: t.help, 'aria-label': `Add ${t.token} (${t.help})`,
    }, t.token));
    hint.replaceChildren(
      el('p', { class: 'small' }, el('span', { class: 'hint-label' }, `Parameters of ${source.title || source.name}: `), chips),
      el('p', { class: 'muted small' },
        'Join parameters with &. Lists: material=rock,glass · ranges: sio2.min=45&sio2.max=52 · ',
        'box: bbox=minLon,minLat,maxLon,maxLat. Leave empty to export everything. A portal search URL can be pasted whole.'),
    );
  }

  function onHintClick(event) {
    const chip = event.target.closest('button.chip');
    if (!chip) return;
    const input = $('export-params');
    let value = input.value.trim();
    if (value && !value.endsWith('&')) value += '&';
    input.value = value + chip.dataset.token;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.removeAttribute('aria-invalid');
  }

  /**
   * Turns what the user typed (or pasted: a whole portal URL works too) into a query string, with any `fileType`
   * and `compression` apart.
   */
  function normaliseParams(text) {
    let raw = text.trim();
    const question = raw.indexOf('?');
    if (question >= 0) raw = raw.slice(question + 1);
    raw = raw.replace(/#.*$/, '');
    const clean = new URLSearchParams();
    let fileType = null;
    let compression = null;
    for (const [name, value] of new URLSearchParams(raw)) {
      if (!name.trim()) continue;
      if (name.trim() === 'fileType') fileType = value.trim();
      else if (name.trim() === 'compression') compression = value.trim();
      else clean.append(name.trim(), value.trim());
    }
    return { params: clean, fileType, compression };
  }

  /* ---------------------------------------------------------------- exports */

  async function onNewExportSubmit(event) {
    event.preventDefault();
    beginAction();
    const source = $('export-source').value;
    if (!source) {
      showError(new ApiError(-1, { title: 'No source', detail: 'Choose a source to export from.' }));
      return;
    }
    const search = currentSearch();
    if (search.problems.length) {
      showFieldErrors(search.problems);
      showError(new ApiError(-1, { title: 'Check the search', detail: 'Some fields cannot be used as they are.', errors: search.problems }));
      const first = firstInvalidInput();
      if (first) first.focus();
      return;
    }
    // a fileType typed or pasted with the parameters wins over the select (and an invalid one is the server's to refuse)
    if ([...$('export-format').options].some((o) => o.value === search.fileType)) $('export-format').value = search.fileType;
    syncCompression();
    await withBusy($('export-submit'), async () => {
      try {
        const { status, data } = await api(`/api/v1/sources/${enc(source)}/exports?${searchString(search)}`,
          { method: 'POST', withResponse: true });
        showFieldErrors([]);
        const task = data || {};
        if (status === 200) showNotice(`You already have this export running: ${task.taskId || ''} (${task.status || 'active'}).`);
        else showNotice(`Export queued: ${task.taskId || ''}${task.queuePosition ? `, #${task.queuePosition} in the queue` : ''}.`);
        await loadExports();
        flashRow(task.taskId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
          showFieldErrors(error.errors);
          showError(error);
          const first = firstInvalidInput();
          if (first) first.focus({ preventScroll: true });
          return;
        }
        if (error instanceof ApiError && error.status === 422 && isAdvanced()) $('export-params').setAttribute('aria-invalid', 'true');
        showError(error);
      }
    });
  }

  function flashRow(taskId) {
    if (!taskId) return;
    const row = $('exports').querySelector(`tr[data-task-id="${CSS.escape(taskId)}"]`);
    if (!row) return;
    row.classList.add('flash');
    setTimeout(() => row.classList.remove('flash'), 2500);
  }

  async function loadExportsView() {
    const work = [loadExports()];
    if (state.eventsTaskId) work.push(loadEvents(state.eventsTaskId, { quiet: true }));
    await Promise.all(work);
  }

  async function loadExports() {
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

  function progressCell(task) {
    return el('td', { class: 'progress-cell' }, progressParts(task));
  }

  /** A finite number from the API, or null for null, absent or anything else (nothing is shown then). */
  const finite = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

  /** Speed and time left of a Processing export, when the service knows them; null otherwise. */
  function pace(task) {
    if (task.status !== 'Processing') return null;
    const progress = task.progress || {};
    const rate = finite(progress.rowsPerSecond);
    const eta = finite(progress.etaSeconds);
    const parts = [];
    if (rate !== null) parts.push(`${fmtInt(Math.round(rate))} rows/s`);
    if (eta !== null) parts.push(eta < 1 ? 'finishing' : `about ${fmtSeconds(eta)} left`);
    return parts.length ? parts.join(' · ') : null;
  }

  /** When a Pending export is expected to start, when the service knows; null otherwise. */
  function expectedStart(task) {
    const seconds = task.status === 'Pending' ? finite(task.estimatedStartSeconds) : null;
    if (seconds === null) return null;
    return seconds < 1 ? 'starts any moment' : `starts in about ${fmtSeconds(seconds)}`;
  }

  function fmtSeconds(seconds) {
    const s = Math.max(1, Math.round(seconds));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
    return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
  }

  /** The progress bar with its rows, speed and time left, queue place and expected start, error and attempts. */
  function progressParts(task) {
    const progress = task.progress || {};
    const status = task.status;
    let percent = Number(progress.percent);
    if (status === 'Succeeded') percent = 100;
    if (!Number.isFinite(percent)) percent = 0;
    percent = Math.max(0, Math.min(100, percent));
    const rows = fmtInt(progress.rowsWritten ?? 0);
    const total = progress.totalRows === null || progress.totalRows === undefined ? null : fmtInt(progress.totalRows);
    let label = total ? `${rows} of ${total} rows` : `${rows} rows`;
    if (status === 'Processing' && progress.percent !== null && progress.percent !== undefined) label += ` (${decimalFormat.format(percent)} %)`;
    const speed = pace(task);
    const start = expectedStart(task);
    const spoken = [label, speed, task.queuePosition && status === 'Pending' ? `#${task.queuePosition} in queue` : null, start]
      .filter(Boolean).join(', ');
    const parts = [
      el('progress', { class: 'progress', max: '100', value: String(percent), 'aria-label': `${task.taskId}: ${spoken}` }),
      el('span', { class: 'progress-label small' }, label),
    ];
    if (speed) parts.push(el('span', { class: 'progress-pace small' }, speed));
    if (status === 'Pending' && task.queuePosition) {
      parts.push(el('span', { class: 'queue-position small' }, `#${task.queuePosition} in queue`));
    }
    if (start) parts.push(el('span', { class: 'expected-start small' }, start));
    if (status === 'Failed' && task.error) {
      parts.push(el('p', { class: 'task-error small' }, task.error.message || task.error.code || 'The export failed.'));
    }
    if (Number(task.attempts) > 1) parts.push(el('span', { class: 'attempts small muted' }, `attempt ${task.attempts}`));
    return parts;
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

  async function onExportsClick(event) {
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

  /* ----------------------------------------------------------------- events */

  async function openEvents(taskId) {
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

  async function loadEvents(taskId, { quiet }) {
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

  function closeEvents() {
    const taskId = state.eventsTaskId;
    state.eventsTaskId = null;
    state.seq.events += 1;
    show($('events'), false);
    markEventsButtons();
    const button = taskId && $('exports').querySelector(`tr[data-task-id="${CSS.escape(taskId)}"] .show-events`);
    if (button) button.focus();
  }

  function markEventsButtons() {
    for (const row of $('exports').tBodies[0].rows) {
      const open = Boolean(state.eventsTaskId) && row.dataset.taskId === state.eventsTaskId;
      row.classList.toggle('selected', open);
      const button = row.querySelector('.show-events');
      if (button) button.setAttribute('aria-expanded', String(open));
    }
  }

  /* --------------------------------------------------------------- operator */

  async function loadOperator() {
    const results = await Promise.allSettled([loadJobs(), loadQueue(), loadThroughput(), loadExecutions(),
      state.detailId !== null ? loadDetail(state.detailId, { quiet: true }) : null]);
    if (!state.me) return;
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) showError(failure.reason, 'refresh');
    else clearError('refresh');
    stampUpdated('operator-updated');
  }

  /* jobs */

  async function loadJobs() {
    const jobs = await api('/api/v1/admin/jobs');
    if (!state.me) return;
    renderJobs(Array.isArray(jobs) ? jobs : []);
  }

  /** One column per job, one row per batch status (the usual few jobs fit a narrow card this way). */
  function renderJobs(jobs) {
    const container = $('jobs');
    if (!jobs.length) {
      container.replaceChildren(el('p', { class: 'empty' }, 'No job has run yet.'));
      return;
    }
    const seen = new Set(['STARTED', 'COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED']);
    for (const job of jobs) for (const name of Object.keys(job.counts || {})) seen.add(name);
    const statuses = [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const count = (job, status) => Number((job.counts || {})[status]) || 0;
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Status'),
      jobs.map((job) => el('th', { scope: 'col', class: 'num' }, job.jobName || '')));
    const rows = statuses.map((status) => el('tr', {}, el('th', { scope: 'row' }, statusBadge(status, 'batch')),
      jobs.map((job) => {
        const n = count(job, status);
        return el('td', { class: `num${n ? ` count-${status.toLowerCase()}` : ' muted'}` }, fmtInt(n));
      })));
    rows.push(el('tr', { class: 'total-row' }, el('th', { scope: 'row' }, 'Total'),
      jobs.map((job) => el('td', { class: 'num strong' },
        fmtInt(Object.values(job.counts || {}).reduce((sum, n) => sum + (Number(n) || 0), 0))))));
    container.replaceChildren(el('table', { class: 'table table-compact' },
      el('caption', { class: 'visually-hidden' }, 'Executions per job and batch status'),
      el('thead', {}, head), el('tbody', {}, rows)));
  }

  function rank(status) {
    const i = BATCH_STATUS_ORDER.indexOf(status);
    return i < 0 ? BATCH_STATUS_ORDER.length : i;
  }

  /* queue */

  async function loadQueue() {
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

  /* throughput */

  async function loadThroughput() {
    const page = await api('/api/v1/exports?status=Succeeded&limit=20');
    if (!state.me) return;
    renderThroughput(page && Array.isArray(page.items) ? page.items : []);
  }

  function throughputPoints(tasks) {
    const points = [];
    let untimed = 0;
    for (const task of tasks.slice(0, 20)) {
      const ms = durationBetween(task.startedAt, task.finishedAt);
      const rows = Number(task.progress && task.progress.rowsWritten);
      if (!ms || ms <= 0 || !Number.isFinite(rows)) {
        untimed += 1;
        continue;
      }
      const seconds = ms / 1000;
      points.push({ taskId: task.taskId, source: task.source, rows, seconds, rate: rows / seconds, finishedAt: task.finishedAt });
    }
    return { points: points.reverse(), untimed }; // oldest first, left to right
  }

  function niceMax(value) {
    if (value <= 0) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value);
    return step * magnitude;
  }

  function renderThroughput(tasks) {
    const container = $('throughput');
    const { points, untimed } = throughputPoints(tasks);
    if (!points.length) {
      container.replaceChildren(el('p', { class: 'empty' }, 'No succeeded export to measure yet.'));
      return;
    }
    const rates = points.map((p) => p.rate).sort((a, b) => a - b);
    const median = rates[Math.floor((rates.length - 1) / 2)];
    const max = rates[rates.length - 1];
    const summaryText = `${points.length} exports: median ${fmtInt(Math.round(median))} rows/s, `
      + `fastest ${fmtInt(Math.round(max))} rows/s, slowest ${fmtInt(Math.round(rates[0]))} rows/s.`
      + (untimed ? ` ${untimed} without timing left out.` : '');
    container.replaceChildren(
      throughputChart(points, summaryText),
      el('p', { class: 'chart-summary small', id: 'throughput-summary' }, summaryText),
      throughputTable(points),
    );
  }

  function throughputChart(points, summaryText) {
    const width = 760;
    const height = 240;
    const pad = { top: 28, right: 12, bottom: 28, left: 64 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    const top = niceMax(Math.max(...points.map((p) => p.rate)));
    const slot = plotW / Math.max(points.length, 1);
    const barW = Math.max(2, Math.min(40, slot * 0.7));
    const y = (v) => pad.top + plotH - (v / top) * plotH;

    const chart = svgEl('svg', {
      class: 'chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
      'aria-labelledby': 'throughput-title throughput-desc', preserveAspectRatio: 'xMidYMid meet',
    },
    svgEl('title', { id: 'throughput-title' }, 'Rows per second of recent succeeded exports'),
    svgEl('desc', { id: 'throughput-desc' }, summaryText));

    for (const fraction of [0, 0.5, 1]) {
      const value = top * fraction;
      chart.append(
        svgEl('line', { class: fraction === 0 ? 'axis' : 'grid', x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value) }),
        svgEl('text', { class: 'tick', x: pad.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, fmtInt(Math.round(value))));
    }
    chart.append(svgEl('text', { class: 'axis-label', x: pad.left, y: height - 8 }, 'oldest'),
      svgEl('text', { class: 'axis-label', x: width - pad.right, y: height - 8, 'text-anchor': 'end' }, 'newest'),
      svgEl('text', { class: 'axis-label', x: pad.left - 8, y: 12, 'text-anchor': 'end' }, 'rows/s'));

    points.forEach((p, i) => {
      const x = pad.left + slot * i + (slot - barW) / 2;
      const barH = Math.max(1, (p.rate / top) * plotH);
      chart.append(svgEl('rect', { class: 'bar', x: x.toFixed(1), y: (pad.top + plotH - barH).toFixed(1),
        width: barW.toFixed(1), height: barH.toFixed(1), rx: 2 },
      svgEl('title', {}, `${p.taskId}: ${fmtInt(p.rows)} rows in ${fmtDuration(p.seconds * 1000)} = ${fmtInt(Math.round(p.rate))} rows/s`)));
    });
    return chart;
  }

  function throughputTable(points) {
    return el('details', { class: 'chart-data' },
      el('summary', {}, 'Chart data'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table table-compact' },
        el('caption', { class: 'visually-hidden' }, 'Rows per second of recent succeeded exports, oldest first'),
        el('thead', {}, el('tr', {}, ['Task', 'Finished', 'Rows', 'Seconds', 'Rows/s'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, points.map((p) => el('tr', {},
          el('td', { class: 'task-id' }, p.taskId), el('td', { class: 'nowrap' }, timeEl(p.finishedAt)),
          el('td', { class: 'num' }, fmtInt(p.rows)), el('td', { class: 'num' }, decimalFormat.format(p.seconds)),
          el('td', { class: 'num' }, fmtInt(Math.round(p.rate)))))))));
  }

  /* executions */

  async function loadExecutions() {
    if (!state.me) return;
    const seq = ++state.seq.executions;
    const status = $('execution-status').value;
    const table = $('executions');
    const tbody = table.tBodies[0];
    if (!tbody.rows.length) tbody.replaceChildren(emptyRow(9, 'Loading executions…', 'loading'));
    table.setAttribute('aria-busy', 'true');
    try {
      const list = await api(`/api/v1/admin/executions?limit=50${status ? `&status=${enc(status)}` : ''}`);
      if (seq !== state.seq.executions || !state.me) return;
      const items = (Array.isArray(list) ? list : []).slice().sort((a, b) => Number(b.id) - Number(a.id));
      syncRows(tbody, items, (x) => x.id, executionRow,
        () => emptyRow(9, status ? `No ${status} execution.` : 'No job execution yet.'));
      markSelectedExecution();
    } finally {
      if (seq === state.seq.executions) table.removeAttribute('aria-busy');
    }
  }

  function executionRow(x) {
    return el('tr', { 'data-execution-id': x.id },
      el('td', { class: 'num' }, String(x.id)),
      el('td', {}, x.jobName || ''),
      el('td', { class: 'task-id' }, x.taskId || ''),
      el('td', { class: 'status' }, statusBadge(x.status, 'batch')),
      el('td', {}, x.exitCode || ''),
      el('td', { class: 'nowrap' }, timeEl(x.startTime)),
      el('td', { class: 'nowrap' }, timeEl(x.endTime, x.startTime ? 'running' : '—')),
      el('td', { class: 'nowrap' }, fmtDuration(durationBetween(x.startTime, x.endTime))),
      el('td', {}, el('button', {
        type: 'button', class: 'show-execution button button-small', 'aria-controls': 'execution-detail',
        'aria-label': `Details of execution ${x.id}`,
      }, 'Details')));
  }

  function markSelectedExecution() {
    for (const row of $('executions').tBodies[0].rows) {
      const selected = state.detailId !== null && row.dataset.executionId === String(state.detailId);
      row.classList.toggle('selected', selected);
      if (selected) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  function onExecutionsClick(event) {
    const row = event.target.closest('tr[data-execution-id]');
    if (!row) return;
    const button = row.querySelector('.show-execution');
    if (!button) return;
    // a click anywhere on the row does what its Details button does (the button is the keyboard way in)
    if (event.target.closest('button, a, summary') && !event.target.closest('.show-execution')) return;
    if (event.target !== button && !button.contains(event.target) && window.getSelection().toString()) return;
    openDetail(row.dataset.executionId);
  }

  async function openDetail(id) {
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

  async function loadDetail(id, { quiet }) {
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
    renderActions(x.status);
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

  function renderActions(status) {
    const enabled = [];
    for (const [action, spec] of Object.entries(EXECUTION_ACTIONS)) {
      const allowed = spec.allowed.includes(status);
      $(action).disabled = !allowed;
      if (allowed) enabled.push(spec.label);
    }
    $('actions-hint').textContent = enabled.length ? '' : `No action applies to this execution (${status || 'unknown status'}).`;
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

  function closeDetail({ focus = true } = {}) {
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

  /* restart / stop / abandon */

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

  async function onExecutionAction(action) {
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

  /* ------------------------------------------------------------------- wiring */

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

  async function refreshExecutions() {
    beginAction();
    try {
      await loadExecutions();
      if (state.detailId !== null) await loadDetail(state.detailId, { quiet: true });
    } catch (error) {
      showError(error);
    }
  }

  async function start() {
    wire();
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

  start();
})();
