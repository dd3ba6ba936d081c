/* The sources the signed-in key may export (GET /api/v1/sources, or the key's list) and the one chosen. */
import { isObject } from './api.js';
import { $ } from './dom.js';
import { state } from './state.js';

export function sourceNames(list) {
  return Array.isArray(list) ? list.map((s) => (isObject(s) ? s.name : s)).filter(Boolean).map(String) : [];
}

export function currentSource() {
  return state.sources.find((s) => s.name === $('export-source').value) || null;
}

export function sourceParameters(source) {
  return (source && Array.isArray(source.parameters) ? source.parameters : []).filter((p) => p && p.name);
}
