/* Throughput: rows per second of the 20 most recent succeeded exports, as an SVG bar chart and its table. */
import { api } from '../api.js';
import { $, el, svgEl } from '../dom.js';
import { decimalFormat, durationBetween, fmtDuration, fmtInt, timeEl } from '../format.js';
import { state } from '../state.js';

export async function loadThroughput() {
  const page = await api('/api/v1/exports?status=Succeeded&limit=20');
  if (!state.me) return;
  renderThroughput(page && Array.isArray(page.items) ? page.items : []);
}

function throughputPoints(tasks) {
  const points = [];
  let untimed = 0;
  for (const task of tasks.slice(0, 20)) {
    const ms = durationBetween(task.startedAt, task.finishedAt);
    const rows = Number(task.progress && task.progress.rowsWritten);
    if (!ms || ms <= 0 || !Number.isFinite(rows)) {
      untimed += 1;
      continue;
    }
    const seconds = ms / 1000;
    points.push({ taskId: task.taskId, source: task.source, rows, seconds, rate: rows / seconds, finishedAt: task.finishedAt });
  }
  return { points: points.reverse(), untimed }; // oldest first, left to right
}

function niceMax(value) {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value);
  return step * magnitude;
}

function renderThroughput(tasks) {
  const container = $('throughput');
  const { points, untimed } = throughputPoints(tasks);
  if (!points.length) {
    container.replaceChildren(el('p', { class: 'empty' }, 'No succeeded export to measure yet.'));
    return;
  }
  const rates = points.map((p) => p.rate).sort((a, b) => a - b);
  const median = rates[Math.floor((rates.length - 1) / 2)];
  const max = rates[rates.length - 1];
  const summaryText = `${points.length} exports: median ${fmtInt(Math.round(median))} rows/s, `
    + `fastest ${fmtInt(Math.round(max))} rows/s, slowest ${fmtInt(Math.round(rates[0]))} rows/s.`
    + (untimed ? ` ${untimed} without timing left out.` : '');
  container.replaceChildren(
    throughputChart(points, summaryText),
    el('p', { class: 'chart-summary small', id: 'throughput-summary' }, summaryText),
    throughputTable(points),
  );
}

function throughputChart(points, summaryText) {
  const width = 760;
  const height = 240;
  const pad = { top: 28, right: 12, bottom: 28, left: 64 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const top = niceMax(Math.max(...points.map((p) => p.rate)));
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.max(2, Math.min(40, slot * 0.7));
  const y = (v) => pad.top + plotH - (v / top) * plotH;

  const chart = svgEl('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-labelledby': 'throughput-title throughput-desc', preserveAspectRatio: 'xMidYMid meet',
  },
  svgEl('title', { id: 'throughput-title' }, 'Rows per second of recent succeeded exports'),
  svgEl('desc', { id: 'throughput-desc' }, summaryText));

  for (const fraction of [0, 0.5, 1]) {
    const value = top * fraction;
    chart.append(
      svgEl('line', { class: fraction === 0 ? 'axis' : 'grid', x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value) }),
      svgEl('text', { class: 'tick', x: pad.left - 8, y: y(value) + 4, 'text-anchor': 'end' }, fmtInt(Math.round(value))));
  }
  chart.append(svgEl('text', { class: 'axis-label', x: pad.left, y: height - 8 }, 'oldest'),
    svgEl('text', { class: 'axis-label', x: width - pad.right, y: height - 8, 'text-anchor': 'end' }, 'newest'),
    svgEl('text', { class: 'axis-label', x: pad.left - 8, y: 12, 'text-anchor': 'end' }, 'rows/s'));

  points.forEach((p, i) => {
    const x = pad.left + slot * i + (slot - barW) / 2;
    const barH = Math.max(1, (p.rate / top) * plotH);
    chart.append(svgEl('rect', { class: 'bar', x: x.toFixed(1), y: (pad.top + plotH - barH).toFixed(1),
      width: barW.toFixed(1), height: barH.toFixed(1), rx: 2 },
    svgEl('title', {}, `${p.taskId}: ${fmtInt(p.rows)} rows in ${fmtDuration(p.seconds * 1000)} = ${fmtInt(Math.round(p.rate))} rows/s`)));
  });
  return chart;
}

function throughputTable(points) {
  return el('details', { class: 'chart-data' },
    el('summary', {}, 'Chart data'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'table table-compact' },
      el('caption', { class: 'visually-hidden' }, 'Rows per second of recent succeeded exports, oldest first'),
      el('thead', {}, el('tr', {}, ['Task', 'Finished', 'Rows', 'Seconds', 'Rows/s'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, points.map((p) => el('tr', {},
        el('td', { class: 'task-id' }, p.taskId), el('td', { class: 'nowrap' }, timeEl(p.finishedAt)),
        el('td', { class: 'num' }, fmtInt(p.rows)), el('td', { class: 'num' }, decimalFormat.format(p.seconds)),
        el('td', { class: 'num' }, fmtInt(Math.round(p.rate)))))))));
}
