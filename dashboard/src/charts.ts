// Time-series charts on uPlot (about 50 kB, canvas, no dependencies), coloured from the page's CSS variables so that
// dark mode applies to them too.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series } from './live';

export interface ChartSpec {
  title: string;
  unit: string;
  lines: { label: string; color: string; value: (p: Series['points'][number], resolution: number) => number }[];
}

export const RATE_CHART: ChartSpec = {
  title: 'Tasks per second',
  unit: '/s',
  lines: [
    { label: 'enqueued', color: '--chart-1', value: (p, r) => p.enqueued / r },
    { label: 'completed', color: '--chart-2', value: (p, r) => p.completed / r },
    { label: 'failed', color: '--chart-3', value: (p, r) => p.failed / r },
  ],
};

export const GAUGE_CHART: ChartSpec = {
  title: 'Queue',
  unit: '',
  lines: [
    { label: 'pending', color: '--chart-1', value: (p) => p.pending },
    { label: 'claimed', color: '--chart-2', value: (p) => p.claimed },
    { label: 'dead (DLQ)', color: '--chart-3', value: (p) => p.dlq_size },
  ],
};

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** A chart in `host`; `update` redraws it with new points, `destroy` removes it. */
export function chart(host: HTMLElement, spec: ChartSpec): { update(series: Series): void; destroy(): void } {
  const ink = cssVar('--muted');
  const grid = cssVar('--line');
  const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const plot = new uPlot(
    {
      width: Math.max(host.clientWidth, 280),
      height: 200,
      title: spec.title,
      series: [{}, ...spec.lines.map((l) => ({ label: l.label, stroke: cssVar(l.color), width: 2, points: { show: false } }))],
      axes: [axis, { ...axis, size: 50 }],
      scales: { x: { time: true }, y: { range: (_u: uPlot, _min: number, max: number) => [0, Math.max(1, max * 1.1)] } },
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
    },
    [[], ...spec.lines.map(() => [])],
    host,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(host.clientWidth, 280), height: 200 }));
  resize.observe(host);
  return {
    update(series) {
      const resolution = series.resolution_seconds || 10;
      const x = series.points.map((p) => Date.parse(p.timestamp) / 1000);
      plot.setData([x, ...spec.lines.map((l) => series.points.map((p) => l.value(p, resolution)))]);
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
