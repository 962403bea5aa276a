// Tasks: a page at a time (the API's cursor), filtered by status and activity type, or one task by id. The first
// page follows the live feed; later pages stay put while they are read.

import { get, query, type ActivityType, type Page, type Task } from '../api';
import { subscribe } from '../live';
import { navigate } from '../nav';
import { badge, code, emptyState, enqueueExample, errorText, h, link, replace, table, when } from '../ui';

const STATUSES = ['pending', 'claimed', 'completed', 'dead', 'cancelled'];
const PAGE_SIZE = 50;

export function renderTasks(root: HTMLElement): () => void {
  const params = new URLSearchParams(location.search);
  const status = params.get('status') ?? '';
  const activityType = params.get('activity_type') ?? '';
  const cursor = params.get('cursor') ?? '';
  // The cursors of the pages before this one, so "Previous" needs no server support.
  const previous = (params.get('back') ?? '').split(',').filter(Boolean);

  const statusSelect = h('select', { name: 'status', 'aria-label': 'Status' },
    h('option', { value: '' }, 'any status'), ...STATUSES.map((s) => h('option', { value: s, selected: s === status }, s)));
  const typeInput = h('input', { name: 'activity_type', list: 'activity-types', placeholder: 'any activity type', value: activityType, 'aria-label': 'Activity type' });
  const typeList = h('datalist', { id: 'activity-types' });
  const idInput = h('input', { name: 'id', placeholder: 'task id', 'aria-label': 'Task id', size: 38 });
  const filters = h('form', { class: 'filters', role: 'search' },
    statusSelect, typeInput, typeList, h('button', { type: 'submit' }, 'Filter'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('/tasks' + query({ status: statusSelect.value, activity_type: typeInput.value.trim() }));
  });
  statusSelect.addEventListener('change', () => filters.requestSubmit());
  const lookup = h('form', { class: 'filters lookup' }, idInput, h('button', { type: 'submit', class: 'secondary' }, 'Open'));
  lookup.addEventListener('submit', (event) => {
    event.preventDefault();
    if (idInput.value.trim()) navigate('/tasks/' + encodeURIComponent(idInput.value.trim()));
  });

  const list = h('section', { 'aria-label': 'Tasks', 'aria-busy': 'true' });
  replace(root, h('div', { class: 'title-row' }, h('h1', {}, 'Tasks'), lookup), filters, list);

  void get<{ data: ActivityType[] }>('/activity-types').then((types) => {
    for (const t of types.data) typeList.appendChild(h('option', { value: t.activity_type }));
  }).catch(() => undefined);

  async function load(): Promise<void> {
    try {
      const page = await get<Page<Task>>('/tasks' + query({ status, activity_type: activityType, cursor, limit: PAGE_SIZE }));
      show(page);
    } catch (error) {
      replace(list, h('p', { class: 'error', role: 'alert' }, errorText(error)));
    }
    list.setAttribute('aria-busy', 'false');
  }

  function show(page: Page<Task>): void {
    const focused = (document.activeElement as HTMLElement | null)?.closest('tr')?.dataset.id;
    if (page.data.length === 0) {
      replace(list, status || activityType || cursor
        ? h('p', { class: 'muted' }, 'No task matches these filters.')
        : emptyState('No tasks yet', h('p', {}, 'Enqueue one with the seed request:'), code(enqueueExample())));
      return;
    }
    const here = query({ status, activity_type: activityType });
    const join = here ? '&' : '?';
    replace(list,
      table<Task>([
        { title: 'Id', cell: (t) => link('/tasks/' + t.id, h('code', {}, t.id)) },
        { title: 'Activity type', cell: (t) => t.activity_type },
        { title: 'Status', cell: (t) => statusCell(t) },
        { title: 'Attempt', cell: (t) => `${t.attempt} / ${t.max_attempts}`, numeric: true },
        { title: 'Priority', cell: (t) => t.priority, numeric: true },
        { title: 'Created', cell: (t) => when(t.created_at) },
        { title: 'Updated', cell: (t) => when(t.updated_at) },
        { title: 'Last error', cell: (t) => (t.last_error ? h('span', { class: 'error-text' }, `${t.last_error.type}: ${t.last_error.message}`) : '') },
      ], page.data, { label: 'Tasks', rowId: (t) => t.id, open: (t) => navigate('/tasks/' + t.id) }),
      h('nav', { class: 'pager', 'aria-label': 'Pages of tasks' },
        previous.length || cursor
          ? link('/tasks' + here + join + query({ cursor: previous.at(-1), back: previous.slice(0, -1).join(',') }).slice(1), '← Previous')
          : h('span', { class: 'muted' }, 'Newest first'),
        page.next_cursor
          ? link('/tasks' + here + join + query({ cursor: page.next_cursor, back: [...previous, cursor].join(',') }).slice(1), 'Next →')
          : h('span', { class: 'muted' }, 'Last page')));
    if (focused) list.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focused)}"]`)?.focus();
  }

  void load();
  // Only the first page moves with the feed: a later page keeps its rows while someone reads them.
  return cursor ? () => undefined : subscribe({ changed: () => void load() });
}

export function statusCell(t: Task): HTMLElement {
  const cell = h('span', {}, badge(t.status));
  if (t.status === 'pending' && Date.parse(t.visible_at) > Date.now()) cell.append(' ', h('span', { class: 'muted small' }, 'runs ', when(t.visible_at)));
  if (t.cancel_requested) cell.append(' ', h('span', { class: 'badge' }, 'cancel requested'));
  return cell;
}
