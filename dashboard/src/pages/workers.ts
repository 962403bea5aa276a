// Workers: a page of them (id order, the API's cursor), their load against capacity, and drain / resume.

import { get, post, query, type Worker, type WorkerPage } from '../api';
import { subscribe } from '../live';
import { badge, code, count, emptyState, errorText, h, link, notify, replace, table, when, workerExample } from '../ui';

const PAGE_SIZE = 100;

export function renderWorkers(root: HTMLElement): () => void {
  const cursor = new URLSearchParams(location.search).get('cursor') ?? '';
  const summary = h('p', { class: 'summary' });
  const list = h('section', { 'aria-label': 'Workers' });
  replace(root, h('div', { class: 'title-row' }, h('h1', {}, 'Workers'), summary), list);

  async function act(worker: Worker, action: 'drain' | 'resume'): Promise<void> {
    try {
      await post(`/workers/${encodeURIComponent(worker.id)}/${action}`);
      notify(`${worker.id}: ${action === 'drain' ? 'draining — it finishes what it holds and claims nothing more' : 'resumed'}.`);
    } catch (error) {
      notify(`${action} failed: ${errorText(error)}`, 'error');
    }
    await load();
  }

  async function load(): Promise<void> {
    let page: WorkerPage;
    try {
      page = await get<WorkerPage>('/workers' + query({ cursor, limit: PAGE_SIZE }));
    } catch (error) {
      replace(list, h('p', { class: 'error', role: 'alert' }, errorText(error)));
      return;
    }
    const s = page.summary;
    replace(summary, `${count(s.active)} active · ${count(s.draining)} draining · ${count(s.stopped)} stopped · load ${count(s.total_load)} of ${count(s.total_capacity)}`);
    if (page.data.length === 0) {
      replace(list, emptyState('No workers yet',
        h('p', {}, 'A worker registers when it starts. `durq worker` makes any program one: each task\'s input arrives on its stdin, and its stdout is the result.'),
        code(workerExample())));
      return;
    }
    const focused = (document.activeElement as HTMLElement | null)?.closest('tr')?.dataset.id;
    replace(list,
      table<Worker>([
        { title: 'Id', cell: (w) => h('code', {}, w.id) },
        { title: 'Status', cell: (w) => badge(w.status) },
        { title: 'Group', cell: (w) => w.worker_group ?? '—' },
        { title: 'Host', cell: (w) => w.hostname ?? '—' },
        { title: 'Version', cell: (w) => w.version ?? '—' },
        { title: 'Activity types', cell: (w) => h('span', { class: 'types' }, ...w.activity_types.map((t) => link('/tasks?activity_type=' + encodeURIComponent(t), t))) },
        { title: 'Load', cell: (w) => loadMeter(w) },
        { title: 'Last heartbeat', cell: (w) => when(w.last_heartbeat_at) },
        {
          title: 'Actions', cell: (w) => w.status === 'stopped' ? ''
            : w.draining ? h('button', { class: 'secondary', onclick: () => void act(w, 'resume') }, 'Resume')
              : h('button', { class: 'secondary', onclick: () => void act(w, 'drain') }, 'Drain'),
        },
      ], page.data, { label: 'Workers', rowId: (w) => w.id }),
      page.next_cursor || cursor
        ? h('nav', { class: 'pager' }, cursor ? link('/workers', '← First') : h('span'),
          page.next_cursor ? link('/workers' + query({ cursor: page.next_cursor }), 'Next →') : h('span'))
        : null);
    if (focused) list.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focused)}"]`)?.focus();
  }

  void load();
  return subscribe({ changed: () => void load() });
}

function loadMeter(w: Worker): HTMLElement {
  const share = w.max_concurrency > 0 ? Math.round((w.current_load / w.max_concurrency) * 100) : 0;
  return h('span', { class: 'load' }, `${w.current_load} / ${w.max_concurrency}`,
    h('span', { class: 'meter small', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': w.max_concurrency, 'aria-valuenow': w.current_load }, h('span', { style: `width:${share}%` })));
}
