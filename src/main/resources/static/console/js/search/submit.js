/* Starting the export the form describes: POST /sources/{source}/exports, then the list shows it. */
import { api, ApiError, enc } from '../api.js';
import { $, withBusy } from '../dom.js';
import { beginAction, showError, showNotice } from '../messages.js';
import { flashRow, loadExports } from '../exports/list.js';
import { firstInvalidInput, showFieldErrors } from './count.js';
import { currentSearch, isAdvanced, searchString, syncCompression } from './query.js';

export async function onNewExportSubmit(event) {
  event.preventDefault();
  beginAction();
  const source = $('export-source').value;
  if (!source) {
    showError(new ApiError(-1, { title: 'No source', detail: 'Choose a source to export from.' }));
    return;
  }
  const search = currentSearch();
  if (search.problems.length) {
    showFieldErrors(search.problems);
    showError(new ApiError(-1, { title: 'Check the search', detail: 'Some fields cannot be used as they are.', errors: search.problems }));
    const first = firstInvalidInput();
    if (first) first.focus();
    return;
  }
  // a fileType typed or pasted with the parameters wins over the select (and an invalid one is the server's to refuse)
  if ([...$('export-format').options].some((o) => o.value === search.fileType)) $('export-format').value = search.fileType;
  syncCompression();
  await withBusy($('export-submit'), async () => {
    try {
      const { status, data } = await api(`/api/v1/sources/${enc(source)}/exports?${searchString(search)}`,
        { method: 'POST', withResponse: true });
      showFieldErrors([]);
      const task = data || {};
      if (status === 200) showNotice(`You already have this export running: ${task.taskId || ''} (${task.status || 'active'}).`);
      else showNotice(`Export queued: ${task.taskId || ''}${task.queuePosition ? `, #${task.queuePosition} in the queue` : ''}.`);
      await loadExports();
      flashRow(task.taskId);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        showFieldErrors(error.errors);
        showError(error);
        const first = firstInvalidInput();
        if (first) first.focus({ preventScroll: true });
        return;
      }
      if (error instanceof ApiError && error.status === 422 && isAdvanced()) $('export-params').setAttribute('aria-invalid', 'true');
      showError(error);
    }
  });
}
