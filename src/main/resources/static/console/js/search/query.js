/* The query the form (or the advanced box) describes, in the service's canonical order, and how it is shown. */
import { $ } from '../dom.js';
import { byCodeUnits, formEncode } from '../format.js';
import { form } from '../state.js';

export const isAdvanced = () => $('advanced-mode').checked;

/** The search the form (or the advanced box) describes: its query string, file type and any problem found here. */
export function currentSearch(advanced = isAdvanced()) {
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

export function searchString(search) {
  let output = `fileType=${formEncode(search.fileType)}`;
  if (search.compression && search.compression !== 'none') output += `&compression=${formEncode(search.compression)}`;
  return search.query ? `${search.query}&${output}` : output;
}

/** XLSX is a zip already: gzip is not offered with it (the service would refuse it). */
export function syncCompression() {
  const xlsx = $('export-format').value === 'xlsx';
  const select = $('export-compression');
  if (xlsx) select.value = 'none';
  select.disabled = xlsx;
}

export function showQuery(query) {
  const line = $('export-query');
  line.textContent = query || '(every row)';
  line.classList.toggle('muted', !query);
}

/**
 * Turns what the user typed (or pasted: a whole portal URL works too) into a query string, with any `fileType`
 * and `compression` apart.
 */
export function normaliseParams(text) {
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
