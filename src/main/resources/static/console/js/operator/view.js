/* The operator view: its parts load together; a failure of any shows as a refresh error. */
import { stampUpdated } from '../format.js';
import { beginAction, clearError, showError } from '../messages.js';
import { state } from '../state.js';
import { loadDetail } from './detail.js';
import { loadExecutions } from './executions.js';
import { loadJobs } from './jobs.js';
import { loadQueue } from './queue.js';
import { loadThroughput } from './throughput.js';

export async function loadOperator() {
  const results = await Promise.allSettled([loadJobs(), loadQueue(), loadThroughput(), loadExecutions(),
    state.detailId !== null ? loadDetail(state.detailId, { quiet: true }) : null]);
  if (!state.me) return;
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) showError(failure.reason, 'refresh');
  else clearError('refresh');
  stampUpdated('operator-updated');
}

export async function refreshExecutions() {
  beginAction();
  try {
    await loadExecutions();
    if (state.detailId !== null) await loadDetail(state.detailId, { quiet: true });
  } catch (error) {
    showError(error);
  }
}
