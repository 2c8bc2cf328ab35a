import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistoryResult } from '../../api/types';
import { useT } from '../../i18n/use-t';
import { formatLatency, formatSiteTime } from '../../ui/format';
import { latencySeries, latencyStats } from './history';

const HEIGHT = 260;
// Series colours from the theme (each ≥ 4.5:1 on the page background); failures in the "down" colour.
const CHECK_COLOURS = ['#79c0ff', '#56d364', '#d2a8ff', '#f2cc60'];
const FAILED_COLOUR = '#ff8a80';
const AXIS = { stroke: '#b4bcc6', grid: { stroke: '#2a313c', width: 1 }, ticks: { stroke: '#3a4350', width: 1 } };

let drawable: boolean | undefined;
function canDraw(): boolean {
  drawable ??= !!document.createElement('canvas').getContext?.('2d');
  return drawable;
}

export interface LatencyChartProps {
  results: readonly HistoryResult[];
  timeZone: string;
  /** The window shown, epoch ms. */
  from: number;
  to: number;
}

/**
 * Latency over time with uPlot (canvas; 10,000 points draw in a few milliseconds), one line per
 * check and failures as red points; a sentence says the same for screen readers.
 */
export function LatencyChart({ results, timeZone, from, to }: LatencyChartProps) {
  const { t, locale } = useT();
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const series = useMemo(() => latencySeries(results), [results]);
  const stats = useMemo(() => latencyStats(results), [results]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data = [series.x, ...series.ok, series.failed] as uPlot.AlignedData;
    const opts: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      scales: { x: { time: true, range: () => [from / 1000, to / 1000] }, y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] } },
      series: [
        { value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatSiteTime(v * 1000, timeZone, locale, to, true)) },
        ...series.checkIds.map((id, i) => ({ label: id, stroke: CHECK_COLOURS[i % CHECK_COLOURS.length], width: 1.5, spanGaps: false, points: { show: false }, value: (_u: uPlot, v: number | null) => formatLatency(v, locale) ?? '—' })),
        { label: t('detail.failed'), stroke: FAILED_COLOUR, paths: () => null, points: { show: true, size: 6, fill: FAILED_COLOUR, stroke: FAILED_COLOUR }, value: (_u: uPlot, v: number | null) => formatLatency(v, locale) ?? '—' },
      ],
      axes: [
        // 24-hour site time on every axis label; a date only where the day changes from the window's end.
        { ...AXIS, values: (_u, ticks) => ticks.map((v) => formatSiteTime(v * 1000, timeZone, locale, to)) },
        { ...AXIS, size: 64, values: (_u, ticks) => ticks.map((v) => formatLatency(v, locale) ?? '') },
      ],
      cursor: { drag: { x: true, y: false } },
    };
    // Without a canvas (a test DOM) there is no chart; the sentence below still says it all.
    plot.current = canDraw() ? new uPlot(opts, data, el) : null;
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [series, timeZone, from, to, t, locale]);

  const fmt = (ms: number | null) => formatLatency(ms, locale) ?? '—';
  return (
    <figure className="latency-chart" data-testid="latency-chart" data-points={results.length}>
      <div ref={box} className="latency-chart__canvas" aria-hidden="true" />
      <figcaption className="latency-chart__summary">
        {results.length === 0
          ? t('detail.noResults')
          : t('detail.chartSummary', { count: stats.count, p50: fmt(stats.p50), p95: fmt(stats.p95), max: fmt(stats.max), failed: stats.failed })}
      </figcaption>
    </figure>
  );
}
