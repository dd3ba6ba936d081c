/* A task's progress as the list and the task summary show it: bar, rows, speed, time left, queue place. */
import { el } from '../dom.js';
import { decimalFormat, fmtInt, fmtSeconds } from '../format.js';

export function progressCell(task) {
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

/** The progress bar with its rows, speed and time left, queue place and expected start, error and attempts. */
export function progressParts(task) {
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
