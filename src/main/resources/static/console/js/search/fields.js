/*
 * The search form's inputs, one builder per kind of parameter: text, tags (terms and columns), a range (from and
 * to), a bounding box. Each returns its node, read() (its query entries and any problem seen here) and fill()
 * (takes a value from a typed query); its inputs are registered in form.targets for the service's problems.
 */
import { el } from '../dom.js';
import { byCodeUnits, formEncode } from '../format.js';
import { form } from '../state.js';
import { scheduleCount } from './count.js';

const BOX_CORNERS = [
  { key: 'west', label: 'West', hint: 'min lon', min: '-180', max: '180' },
  { key: 'south', label: 'South', hint: 'min lat', min: '-90', max: '90' },
  { key: 'east', label: 'East', hint: 'max lon', min: '-180', max: '180' },
  { key: 'north', label: 'North', hint: 'max lat', min: '-90', max: '90' },
];

export const uid = (prefix) => `${prefix}-${++form.ids}`;

function errorNode(parameter) {
  return el('p', { class: 'field-error', id: uid('error'), 'data-error-for': parameter });
}

function target(parameter, inputs, error) {
  form.targets.set(parameter, { inputs, error });
}

export function textField(p) {
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
export function tagField(name, { label = name, hint = '', hintId = uid('hint'), numeric = false, wide = false } = {}) {
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
export function rangeField(p) {
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
export function boxField(p) {
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
