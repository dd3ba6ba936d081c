/*
 * Formatting: numbers, sizes, dates and times (in the reader's locale and time zone), durations, status badges,
 * a task's file type, and the form encoding of query values as the service writes them.
 */
import { $, el } from './dom.js';

const numberFormat = new Intl.NumberFormat();
export const decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export const fmtInt = (n) => (n === null || n === undefined || Number.isNaN(Number(n)) ? '—' : numberFormat.format(Number(n)));

export function fmtBytes(bytes) {
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

export function parseTime(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A <time> element in the reader's local time, with the exact UTC time as its tooltip. */
export function timeEl(iso, fallback = '—') {
  const date = parseTime(iso);
  if (!date) return el('span', { class: 'muted' }, fallback);
  return el('time', { datetime: iso, title: iso }, dateTimeFormat.format(date));
}

export function fmtDuration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${decimalFormat.format(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function durationBetween(startIso, endIso) {
  const start = parseTime(startIso);
  const end = parseTime(endIso);
  return start && end ? end - start : null;
}

export function statusBadge(status, kind = 'task') {
  const slug = String(status || 'unknown').toLowerCase().replace(/[^a-z]+/g, '-');
  return el('span', { class: `badge badge-${kind} badge-${slug}` }, status || 'UNKNOWN');
}

export function fmtSeconds(seconds) {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

/** A task's file type as the lists show it: `csv`, `ndjson (gzip)`, … */
export function fileTypeText(task) {
  if (!task.fileType) return '';
  return task.compression && task.compression !== 'none' ? `${task.fileType} (${task.compression})` : task.fileType;
}

/** application/x-www-form-urlencoded as Java's URLEncoder writes it (the service's canonical query). */
export const formEncode = (text) => encodeURIComponent(text)
  .replace(/%20/g, '+')
  .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Orders as Java's String.compareTo does (UTF-16 code units), like the service's TreeMap and TreeSet. */
export const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function stampUpdated(id) {
  $(id).textContent = `Updated ${timeFormat.format(new Date())}`;
}
