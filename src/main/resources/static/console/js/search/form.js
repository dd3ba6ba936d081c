/*
 * The search form of New export: the sources the key may export (GET /api/v1/sources), and the form built from
 * the chosen source's parameter definitions: a tag input per term parameter, from/to inputs per range (number or
 * date inputs, as the field is), four numbers for the bounding box, the text query and the column prefixes. It
 * writes the query string in the service's canonical order (parameters by name, values sorted, each value
 * form-encoded, commas between values), so the query shown is the one the task will record. While the user edits,
 * the matching rows are counted (count.js); "Type the query (advanced)" swaps the form for the query box.
 */
import { api } from '../api.js';
import { currentSource, sourceNames, sourceParameters } from '../catalogue.js';
import { $, el, show } from '../dom.js';
import { showError } from '../messages.js';
import { form, state } from '../state.js';
import { renderParameterHelp } from './advanced.js';
import { runCount, showFieldErrors } from './count.js';
import { boxField, rangeField, tagField, textField, uid } from './fields.js';
import { currentSearch, isAdvanced, normaliseParams, syncCompression } from './query.js';

export async function loadSources() {
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

export function onSourceChange() {
  renderSearchForm();
  renderParameterHelp();
  runCount();
}

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

/** Switching to the advanced box carries the form's query over; switching back fills the form from the box. */
export function onModeChange() {
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

export function resetSearchForm() {
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
