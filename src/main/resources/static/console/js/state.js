/*
 * The console's state and constants: who is signed in, which view shows, the sources the key may export, the
 * refresh and notice timers, and a sequence number per kind of request (an answer whose number is no longer the
 * latest is dropped). `form` is the search form's part: its fields and where each parameter's problems go.
 * Every module shares these objects; they hold data only.
 */

export const STORAGE_KEY = 'export-console.api-key';
export const VIEW_KEY = 'export-console.view';
export const REFRESH_MS = 10_000; // the API asks clients to poll every 10 seconds
export const NOTICE_MS = 30_000;
export const ACTIVE_STATUSES = new Set(['Pending', 'Processing']);
export const BATCH_STATUS_ORDER = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'COMPLETED', 'FAILED', 'ABANDONED', 'UNKNOWN'];
export const EXECUTION_ACTIONS = {
  restart: { allowed: ['FAILED', 'STOPPED'], latestOnly: true, label: 'Restart', verb: 'restart',
    explain: 'The task goes back through Pending and the job resumes where it stopped.' },
  stop: { allowed: ['STARTED', 'STARTING'], label: 'Stop', verb: 'stop',
    explain: 'The running job stops at its next check and its task becomes Cancelled.' },
  abandon: { allowed: ['FAILED', 'STOPPED', 'STARTED'], latestOnly: true, label: 'Abandon', verb: 'abandon',
    explain: 'The execution is marked abandoned and can no longer be restarted; its task becomes Failed.' },
};

export const state = {
  key: null,
  me: null,
  view: 'exports',
  sources: [],
  timer: null,
  noticeTimer: null,
  errorOrigin: null,
  eventsTaskId: null,
  detailId: null,
  seq: { exports: 0, events: 0, executions: 0, detail: 0 },
};

export const form = {
  fields: [], // what the form offers, one entry per parameter (a range counts once)
  targets: new Map(), // parameter as the API names it (sio2.min) -> { inputs, error } for its problems
  timer: null,
  seq: 0,
  ids: 0,
};
