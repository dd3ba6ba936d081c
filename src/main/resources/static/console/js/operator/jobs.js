/* Jobs: executions per job and batch status (GET /admin/jobs). */
import { api } from '../api.js';
import { $, el } from '../dom.js';
import { fmtInt, statusBadge } from '../format.js';
import { BATCH_STATUS_ORDER, state } from '../state.js';

export async function loadJobs() {
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
