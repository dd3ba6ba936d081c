/* The advanced box: the query typed by hand, with the source's parameters offered as you type. */
import { currentSource, sourceParameters } from '../catalogue.js';
import { $, el } from '../dom.js';

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

export function renderParameterHelp() {
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

export function onHintClick(event) {
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
