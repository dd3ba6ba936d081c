/*
 * Counting while the user edits: GET /sources/{source}/count, debounced, checks the parameters as starting the
 * export would; its problems are shown next to the inputs they name, a rate limit is waited out.
 */
import { api, enc } from '../api.js';
import { currentSource } from '../catalogue.js';
import { $, el } from '../dom.js';
import { fmtInt } from '../format.js';
import { form, state } from '../state.js';
import { currentSearch, isAdvanced, searchString, showQuery } from './query.js';

const COUNT_DEBOUNCE_MS = 400;

/** Shows each problem next to the input it names; the others in the list under the form (or the advanced box). */
export function showFieldErrors(errors) {
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

export function firstInvalidInput() {
  if (isAdvanced()) return $('export-params');
  return $('search-fields').querySelector('[aria-invalid="true"]');
}

function setCount(kind, ...content) {
  const line = $('export-count');
  line.className = `export-count count-${kind}`;
  line.replaceChildren(...content);
}

export function scheduleCount() {
  clearTimeout(form.timer);
  form.seq += 1; // an answer for what the user has since changed is dropped
  if (!isAdvanced()) showQuery(currentSearch().query);
  $('export-count').setAttribute('aria-busy', 'true');
  form.timer = setTimeout(runCount, COUNT_DEBOUNCE_MS);
}

export async function runCount() {
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
