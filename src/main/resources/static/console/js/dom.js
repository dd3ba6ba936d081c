/*
 * DOM helpers. The page runs under a strict Content-Security-Policy, so elements are built with el() and svgEl()
 * (textContent only, never HTML from data, never a style or on* attribute) and handlers are added with
 * addEventListener. Tables are kept in step with syncRows(), which keeps rows (and the focus in them) across
 * refreshes.
 */

export const $ = (id) => document.getElementById(id);

/** Creates an element. Attributes are set one by one; `text` sets textContent; never a style or on* attribute. */
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** Creates an SVG element (same rules as el). */
export function svgEl(tag, attrs = {}, ...children) {
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

export function appendAll(node, children) {
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

export function syncRows(tbody, items, keyOf, buildRow, empty) {
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

export function emptyRow(columns, text, cls = 'empty') {
  return el('tr', { class: 'empty-row' }, el('td', { colspan: columns, class: cls }, text));
}

/** Scrolls a node into view, smoothly unless the reader asked for reduced motion. */
export function reveal(node) {
  const still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  node.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
}

export function show(node, visible) {
  node.hidden = !visible;
}

/**
 * Runs `work` with `button` marked busy, so a double click does not send twice. The button is not disabled
 * (a disabled button loses keyboard focus); aria-disabled tells assistive technology, and clicks are ignored.
 */
export async function withBusy(button, work) {
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
