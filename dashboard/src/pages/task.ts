// One task: what it is, what happened to it (a timeline), why it is not running (explain), and what can be done
// (cancel; retry when dead). It follows the live feed while it is open.

import { ApiError, get, post, type Explanation, type Task } from '../api';
import { currentMode, subscribe } from '../live';
import { badge, errorText, h, json, link, notify, replace, table, when } from '../ui';
import { statusCell } from './tasks';

export function renderTask(root: HTMLElement, params: Record<string, string>): () => void {
  const id = params.id;
  const view = h('div', { 'aria-busy': 'true' });
  replace(root, h('p', { class: 'crumbs' }, link('/tasks', 'Tasks'), ' / ', h('code', {}, id)), view);

  let stopped = false;
  async function load(): Promise<void> {
    try {
      const [task, explanation] = await Promise.all([
        get<Task>('/tasks/' + encodeURIComponent(id)),
        get<Explanation>(`/tasks/${encodeURIComponent(id)}/explain`).catch(() => null),
      ]);
      if (!stopped) show(task, explanation);
    } catch (error) {
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
      replace(view, h('h1', {}, missing ? 'No such task' : 'The task could not be read'), h('p', { class: 'error', role: 'alert' }, errorText(error)));
    }
    view.setAttribute('aria-busy', 'false');
  }

  async function act(label: string, path: string): Promise<void> {
    try {
      await post(path);
      notify(label + ': done.');
    } catch (error) {
      notify(`${label} failed: ${errorText(error)}`, 'error');
    }
    await load();
  }

  function show(task: Task, explanation: Explanation | null): void {
    const actions = h('div', { class: 'actions' });
    if (task.status === 'pending' || (task.status === 'claimed' && !task.cancel_requested)) {
      actions.appendChild(h('button', { class: 'danger', onclick: () => void act('Cancel', `/tasks/${task.id}/cancel`) }, 'Cancel'));
    }
    if (task.status === 'dead') {
      actions.appendChild(h('button', { onclick: () => void act('Retry', `/dlq/${task.id}/retry`) }, 'Retry'));
    }
    replace(view,
      h('div', { class: 'title-row' }, h('h1', {}, task.activity_type, ' ', statusCell(task)), actions),
      h('dl', { class: 'facts' },
        ...fact('Id', h('code', {}, task.id)),
        ...fact('Attempt', `${task.attempt} of ${task.max_attempts}` + (task.requeue_count ? ` (retried from the dead-letter queue ${task.requeue_count}×)` : '')),
        ...fact('Priority', String(task.priority)),
        ...fact('Created', when(task.created_at)),
        ...fact('Updated', when(task.updated_at)),
        ...fact(task.status === 'pending' ? 'Runnable' : 'Visible at', when(task.visible_at)),
        ...(task.claimed_by ? fact('Claimed by', task.claimed_by) : []),
        ...(task.lease_expires_at ? fact('Lease expires', when(task.lease_expires_at)) : []),
        ...(task.idempotency_key ? fact('Idempotency key', task.idempotency_key) : []),
        ...(task.traceparent ? fact('Trace', h('code', {}, task.traceparent)) : [])),
      explanation ? explain(explanation) : null,
      task.status === 'claimed' ? h('section', {}, h('h2', {}, 'Progress'),
        h('p', {}, 'Last heartbeat ', when(task.last_heartbeat_at)),
        task.heartbeat_details !== undefined ? json(task.heartbeat_details) : h('p', { class: 'muted' }, 'The worker has sent no heartbeat details.')) : null,
      h('section', {}, h('h2', {}, 'Timeline'), timeline(task)),
      h('section', {}, h('h2', {}, 'Attempts that failed'), (task.errors ?? []).length === 0
        ? h('p', { class: 'muted' }, 'None.')
        : table([
          { title: 'Attempt', cell: (e) => String(e.attempt) + (e.requeue ? ` (after retry ${e.requeue})` : ''), numeric: true },
          { title: 'Type', cell: (e) => h('code', {}, e.type) },
          { title: 'Message', cell: (e) => h('span', { class: 'error-text' }, e.message) },
          { title: 'At', cell: (e) => when(e.at) },
        ], task.errors ?? [], { label: 'Failed attempts' })),
      h('div', { class: 'two' },
        h('section', {}, h('h2', {}, 'Input'), json(task.input)),
        h('section', {}, h('h2', {}, 'Result'), task.result !== undefined ? json(task.result) : h('p', { class: 'muted' }, task.status === 'completed' ? 'The worker returned no result.' : 'Not completed.'))),
      h('details', {}, h('summary', {}, 'Options'), json(task.options)));
  }

  const unsubscribe = subscribe({
    task(event) {
      if (event.id === id) void load();
    },
    changed() {
      // Without the stream there is no per-task event: the poll tick is the signal.
      if (currentMode() !== 'stream') void load();
    },
  });
  void load();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

function fact(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function explain(explanation: Explanation): HTMLElement {
  return h('section', { class: 'explain' }, h('h2', {}, explanation.runnable ? 'Runnable' : 'Why it is not running'),
    h('ul', {}, ...explanation.reasons.map((r) => h('li', {}, h('code', {}, r.code), ' ', r.message, r.until ? h('span', { class: 'muted' }, ' (until ', when(r.until), ')') : ''))));
}

/** Created → each failed attempt → claimed → finished, from the task's own times, oldest first. */
function timeline(task: Task): HTMLElement {
  const events: { at: string; what: Node | string }[] = [{ at: task.created_at, what: 'created' }];
  for (const error of task.errors ?? []) events.push({ at: error.at, what: `attempt ${error.attempt} failed (${error.type})` });
  if (task.claimed_at) events.push({ at: task.claimed_at, what: `claimed by ${task.claimed_by ?? 'a worker'} (attempt ${task.attempt})` });
  if (task.last_heartbeat_at && task.status === 'claimed') events.push({ at: task.last_heartbeat_at, what: 'last heartbeat' });
  if (task.completed_at) events.push({ at: task.completed_at, what: 'completed' });
  else if (task.status === 'dead' || task.status === 'cancelled') events.push({ at: task.updated_at, what: task.status });
  if (task.status === 'pending' && Date.parse(task.visible_at) > Date.now()) events.push({ at: task.visible_at, what: 'next run (not before)' });
  events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h('ol', { class: 'timeline' }, ...events.map((e) => h('li', {},
    h('time', { datetime: e.at }, new Date(e.at).toLocaleString()), ' ', typeof e.what === 'string' && isStatus(e.what) ? badge(e.what) : e.what)));
}

function isStatus(text: string): boolean {
  return ['completed', 'dead', 'cancelled'].includes(text);
}
