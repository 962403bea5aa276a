// Overview: the queue's numbers (moving with the event stream), the time-series charts, and one row per activity type.

import { get, type ActivityType, type Health } from '../api';
import { chart, GAUGE_CHART, RATE_CHART } from '../charts';
import { recentCounts, subscribe, timeseries } from '../live';
import { code, count, duration, emptyState, enqueueExample, errorText, h, link, replace, table, workerExample } from '../ui';
import { navigate } from '../nav';

export function renderOverview(root: HTMLElement): () => void {
  const cards = h('section', { class: 'cards', 'aria-label': 'Queue numbers' });
  const status = h('p', { class: 'health' });
  const windowPicker = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Chart window' });
  const chartHosts = [h('div', { class: 'chart' }), h('div', { class: 'chart' })];
  const seriesNote = h('p', { class: 'muted small' });
  const types = h('section', { 'aria-label': 'Activity types' });
  const empty = h('div');
  replace(root,
    h('div', { class: 'title-row' }, h('h1', {}, 'Overview'), status),
    empty, cards,
    h('section', { class: 'charts-section' },
      h('div', { class: 'title-row' }, h('h2', {}, 'Throughput and queue'), windowPicker),
      h('div', { class: 'charts' }, ...chartHosts), seriesNote),
    h('h2', {}, 'Activity types'), types);

  let window: '15m' | '1h' = '15m';
  for (const w of ['15m', '1h'] as const) {
    const button = h('button', { class: 'secondary', 'aria-pressed': String(w === window) }, w === '15m' ? '15 min' : '1 hour');
    button.addEventListener('click', () => {
      window = w;
      for (const b of windowPicker.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
      void refreshSeries();
    });
    windowPicker.appendChild(button);
  }

  let charts = [chart(chartHosts[0], RATE_CHART), chart(chartHosts[1], GAUGE_CHART)];
  const rebuild = () => {
    charts.forEach((c) => c.destroy());
    charts = [chart(chartHosts[0], RATE_CHART), chart(chartHosts[1], GAUGE_CHART)];
    void refreshSeries();
  };
  addEventListener('durq-theme', rebuild);

  let lastSeriesAt = 0;
  async function refreshSeries(): Promise<void> {
    lastSeriesAt = Date.now();
    try {
      const series = await timeseries(window);
      charts.forEach((c) => c.update(series));
      seriesNote.textContent = series.local
        ? 'This server keeps no time series (GET /metrics/timeseries answered 404): the charts show what this page has seen since it opened.'
        : `From the server's time series, ${series.resolution_seconds} s per point.`;
    } catch (error) {
      seriesNote.textContent = 'The time series could not be read: ' + errorText(error);
    }
  }

  let health: Health | null = null;
  let typeRows: ActivityType[] = [];
  const showCards = () => {
    if (!health) return;
    const capacity = health.total_capacity;
    const load = capacity > 0 ? Math.round((health.total_load / capacity) * 100) : 0;
    replace(cards,
      card('Pending', count(health.pending_tasks), 'pending', '/tasks?status=pending'),
      card('Claimed', count(health.claimed_tasks), 'claimed', '/tasks?status=claimed'),
      card('Dead (DLQ)', count(health.dlq_size), 'dlq', '/dead-letters'),
      card('Completed', count(health.completed_tasks), 'completed', '/tasks?status=completed', 'since the store was made'),
      card('Failed attempts', count(health.failed_attempts), 'failed', null, 'since the store was made'),
      card('Workers', `${health.workers.active} active`, 'workers', '/workers',
        `${health.workers.draining} draining · ${health.workers.stopped} stopped`),
      h('div', { class: 'card', 'data-card': 'capacity' },
        h('div', { class: 'label' }, 'Worker load'),
        h('div', { class: 'value' }, `${health.total_load} / ${capacity}`),
        h('div', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': capacity, 'aria-valuenow': health.total_load },
          h('span', { style: `width:${load}%` })),
        h('div', { class: 'sub' }, capacity > 0 ? `${load}% of capacity in use` : 'no active worker')));
    const reasons = health.reasons ?? [];
    replace(status, h('span', { class: 'badge health-' + health.status }, health.status),
      reasons.length ? ' ' + reasons.map((r) => r.detail).join(' ') : '');
    showEmpty();
  };

  const showEmpty = () => {
    const nothing = health && health.pending_tasks + health.claimed_tasks + health.dlq_size + health.completed_tasks === 0 && typeRows.length === 0;
    const noWorkers = health && health.workers.active === 0 && health.pending_tasks > 0;
    if (nothing) {
      replace(empty, emptyState('No tasks yet',
        h('p', {}, 'Enqueue one: the seed request works unchanged against this server.'), code(enqueueExample()),
        h('p', {}, 'Then run a worker for its activity type; each task\'s input arrives on the program\'s stdin:'), code(workerExample())));
    } else if (noWorkers) {
      replace(empty, emptyState('Tasks are waiting and no worker is running',
        h('p', {}, 'Start one for the activity types below:'), code(workerExample(typeRows.find((t) => t.pending > 0)?.activity_type))));
    } else {
      empty.replaceChildren();
    }
  };

  const showTypes = () => {
    const recent = recentCounts();
    const recentCell = (type: string, kind: 'completed' | 'failed') =>
      recent ? count(recent.counts.get(type)?.[kind] ?? 0) : h('span', { class: 'muted', title: 'Needs the event stream' }, '—');
    replace(types, typeRows.length === 0
      ? h('p', { class: 'muted' }, 'No activity type has tasks or workers yet.')
      : table<ActivityType>([
        { title: 'Activity type', cell: (t) => link('/tasks?activity_type=' + encodeURIComponent(t.activity_type), t.activity_type) },
        { title: 'Pending', cell: (t) => count(t.pending), numeric: true },
        { title: 'Claimed', cell: (t) => count(t.claimed), numeric: true },
        { title: 'Dead', cell: (t) => count(t.dead), numeric: true },
        { title: 'Oldest pending', cell: (t) => (t.oldest_pending_at ? duration((Date.now() - Date.parse(t.oldest_pending_at)) / 1000) : '—'), numeric: true },
        { title: 'Completed 5 min', cell: (t) => recentCell(t.activity_type, 'completed'), numeric: true },
        { title: 'Failed 5 min', cell: (t) => recentCell(t.activity_type, 'failed'), numeric: true },
        { title: 'Workers', cell: (t) => count(t.workers), numeric: true },
        { title: 'State', cell: (t) => typeState(t) },
      ], typeRows, {
        label: 'Activity types', rowId: (t) => t.activity_type,
        open: (t) => navigate('/tasks?activity_type=' + encodeURIComponent(t.activity_type)),
      }),
      recent && recent.sinceMs < 5 * 60_000
        ? h('p', { class: 'muted small' }, `The 5-minute columns count the event stream since this page opened (${duration(recent.sinceMs / 1000)}).`)
        : null);
  };

  async function refreshTypes(): Promise<void> {
    try {
      typeRows = (await get<{ data: ActivityType[] }>('/activity-types')).data;
      showTypes();
      showEmpty();
    } catch (error) {
      replace(types, h('p', { class: 'error' }, 'The activity types could not be read: ' + errorText(error)));
    }
  }

  const unsubscribe = subscribe({
    stats(next) {
      health = next;
      showCards();
    },
    changed() {
      void refreshTypes();
      if (Date.now() - lastSeriesAt > 10_000) void refreshSeries();
    },
  });
  void refreshTypes();
  void refreshSeries();
  // The time series moves every 10 s even when nothing else does.
  const seriesTimer = setInterval(() => void refreshSeries(), 10_000);
  return () => {
    unsubscribe();
    clearInterval(seriesTimer);
    removeEventListener('durq-theme', rebuild);
    charts.forEach((c) => c.destroy());
  };
}

function card(label: string, value: string, name: string, href: string | null, sub?: string): HTMLElement {
  const body = [h('div', { class: 'label' }, label), h('div', { class: 'value', 'data-value': name }, value), sub ? h('div', { class: 'sub' }, sub) : null];
  return href ? h('a', { class: 'card', href: '/dashboard' + href, 'data-nav': true, 'data-card': name }, ...body)
    : h('div', { class: 'card', 'data-card': name }, ...body);
}

function typeState(t: ActivityType): HTMLElement {
  const parts: HTMLElement[] = [];
  if (t.settings.paused) parts.push(h('span', { class: 'badge paused' }, 'paused'));
  if (t.circuit.state !== 'closed') parts.push(h('span', { class: 'badge circuit-' + t.circuit.state }, 'circuit ' + t.circuit.state.replace('_', '-')));
  if (t.settings.max_concurrency != null) parts.push(h('span', { class: 'badge' }, `≤ ${t.settings.max_concurrency} at once`));
  if (t.settings.rate_limit) parts.push(h('span', { class: 'badge' }, `≤ ${t.settings.rate_limit.per_second}/s`));
  return parts.length ? h('span', { class: 'states' }, ...parts) : h('span', { class: 'muted' }, 'running');
}
