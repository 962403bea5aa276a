// Dead letters: grouped by activity type (exact counts, from /activity-types) and, within a type, by the last error's
// type (read from the newest dead tasks of that type, at most SAMPLE of them, so a DLQ of millions costs one page per
// type). Retry one, a group (POST /dlq/retry with a filter) or all ({"all": true}), each after a confirmation that
// says how many.

import { get, post, query, type ActivityType, type Health, type Page, type Task } from '../api';
import { subscribe } from '../live';
import { navigate } from '../nav';
import { confirmAction, count, emptyState, errorText, h, link, notify, replace, table, when } from '../ui';

const SAMPLE = 200;
const PAGE_SIZE = 50;

interface Group {
  activityType: string;
  errorType: string | null;
  count: number;
  exact: boolean;
  example?: string;
}

export function renderDeadLetters(root: HTMLElement): () => void {
  const params = new URLSearchParams(location.search);
  const activityType = params.get('activity_type') ?? '';
  const cursor = params.get('cursor') ?? '';
  const groups = h('section', { 'aria-label': 'Groups' });
  const list = h('section', { 'aria-label': 'Dead tasks' });
  const retryAll = h('button', { class: 'danger', disabled: true }, 'Retry all');
  replace(root,
    h('div', { class: 'title-row' }, h('h1', {}, 'Dead letters'), h('div', { class: 'actions' }, retryAll)),
    h('p', { class: 'muted' }, 'Tasks that failed every attempt, or with an error that is not retried. A retry puts a task back to pending with the same id and its attempts reset.'),
    h('h2', {}, 'By activity type and error'), groups,
    h('h2', {}, activityType ? `Dead tasks of ${activityType}` : 'Newest dead tasks', activityType ? h('span', {}, ' ', link('/dead-letters', '(all types)')) : ''),
    list);

  let total = 0;
  retryAll.addEventListener('click', async () => {
    const health = await get<Health>('/health');
    total = health.dlq_size;
    if (total === 0) return notify('The dead-letter queue is empty.');
    if (await confirmAction(`Retry all ${count(total)} dead tasks? Each goes back to pending with its attempts reset.`, `Retry ${count(total)}`)) {
      await retry({ all: true }, 'all');
    }
  });

  async function retry(filter: Record<string, unknown>, what: string): Promise<void> {
    try {
      const answer = await post<{ retried: number }>('/dlq/retry', filter);
      notify(`Retried ${count(answer.retried)} dead task${answer.retried === 1 ? '' : 's'} (${what}).`);
    } catch (error) {
      notify('Retry failed: ' + errorText(error), 'error');
    }
    await load();
  }

  async function loadGroups(): Promise<Group[]> {
    const types = (await get<{ data: ActivityType[] }>('/activity-types')).data.filter((t) => t.dead > 0);
    const result: Group[] = [];
    await Promise.all(types.map(async (type) => {
      const page = await get<Page<Task>>('/dlq' + query({ activity_type: type.activity_type, limit: SAMPLE }));
      const byError = new Map<string, Group>();
      for (const task of page.data) {
        const errorType = task.last_error?.type ?? 'unknown';
        const group = byError.get(errorType) ?? { activityType: type.activity_type, errorType, count: 0, exact: !page.next_cursor, example: task.last_error?.message };
        group.count++;
        byError.set(errorType, group);
      }
      result.push({ activityType: type.activity_type, errorType: null, count: type.dead, exact: true }, ...byError.values());
    }));
    return result.sort((a, b) => a.activityType.localeCompare(b.activityType) || (a.errorType === null ? -1 : b.errorType === null ? 1 : b.count - a.count));
  }

  function showGroups(rows: Group[]): void {
    retryAll.disabled = rows.length === 0;
    if (rows.length === 0) {
      replace(groups, emptyState('No dead tasks', h('p', {}, 'Nothing has failed for good. A task lands here when its last attempt fails, or when its worker fails it with retryable: false.')));
      return;
    }
    const label = (g: Group) => (g.exact ? count(g.count) : `${count(g.count)} of the newest ${SAMPLE}`);
    replace(groups, table<Group>([
      { title: 'Activity type', cell: (g) => (g.errorType === null ? h('strong', {}, g.activityType) : '') },
      { title: 'Error type', cell: (g) => (g.errorType === null ? h('span', { class: 'muted' }, 'all errors') : h('code', {}, g.errorType)) },
      { title: 'Dead', cell: (g) => label(g), numeric: true },
      { title: 'Example', cell: (g) => (g.example ? h('span', { class: 'error-text' }, g.example) : '') },
      {
        title: 'Actions', cell: (g) => h('button', {
          class: 'secondary',
          onclick: async () => {
            const what = g.errorType === null ? `all of ${g.activityType}` : `${g.activityType} failing with ${g.errorType}`;
            const how = g.exact ? count(g.count) : `the ${count(g.count)}+`;
            if (await confirmAction(`Retry ${how} dead tasks (${what})?`, 'Retry')) {
              await retry(g.errorType === null ? { activity_type: g.activityType } : { activity_type: g.activityType, error_type: g.errorType }, what);
            }
          },
        }, 'Retry group'),
      },
    ], rows, {
      label: 'Dead tasks by activity type and error type',
      rowId: (g) => g.activityType + '/' + (g.errorType ?? ''),
      open: (g) => navigate('/dead-letters' + query({ activity_type: g.activityType })),
    }));
  }

  async function loadList(): Promise<void> {
    const page = await get<Page<Task>>('/dlq' + query({ activity_type: activityType, cursor, limit: PAGE_SIZE }));
    if (page.data.length === 0) {
      replace(list, h('p', { class: 'muted' }, 'None.'));
      return;
    }
    replace(list,
      table<Task>([
        { title: 'Id', cell: (t) => link('/tasks/' + t.id, h('code', {}, t.id)) },
        { title: 'Activity type', cell: (t) => t.activity_type },
        { title: 'Error', cell: (t) => (t.last_error ? h('span', { class: 'error-text' }, h('code', {}, t.last_error.type), ' ', t.last_error.message) : '') },
        { title: 'Attempts', cell: (t) => String(t.attempt), numeric: true },
        { title: 'Died', cell: (t) => when(t.updated_at) },
        {
          title: 'Actions', cell: (t) => h('button', {
            class: 'secondary',
            onclick: async () => {
              try {
                await post(`/dlq/${t.id}/retry`);
                notify('Retried: the task is pending again.');
              } catch (error) {
                notify('Retry failed: ' + errorText(error), 'error');
              }
              await load();
            },
          }, 'Retry'),
        },
      ], page.data, { label: 'Dead tasks', rowId: (t) => t.id, open: (t) => navigate('/tasks/' + t.id) }),
      page.next_cursor || cursor
        ? h('nav', { class: 'pager' }, cursor ? link('/dead-letters' + query({ activity_type: activityType }), '← Newest') : h('span'),
          page.next_cursor ? link('/dead-letters' + query({ activity_type: activityType, cursor: page.next_cursor }), 'Older →') : h('span'))
        : null);
  }

  async function load(): Promise<void> {
    try {
      const [rows] = await Promise.all([loadGroups(), loadList()]);
      showGroups(rows);
    } catch (error) {
      replace(groups, h('p', { class: 'error', role: 'alert' }, errorText(error)));
    }
  }

  void load();
  let lastDead = -1;
  return subscribe({
    stats(health) {
      // The groups cost a page per type: reload them only when the DLQ's size changed.
      if (health.dlq_size !== lastDead) {
        if (lastDead !== -1) void load();
        lastDead = health.dlq_size;
      }
    },
  });
}
