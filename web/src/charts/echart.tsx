import { useEffect, useRef } from 'react';
import { echarts, PALETTE } from './echarts-setup.js';
import type { ChartOption } from './echarts-setup.js';

/** Props of {@link EChart}. */
export interface EChartProps {
  option: ChartOption;
  /** CSS height of the chart box; the width follows the container. */
  height?: number;
  /** Called with the clicked data index and series index (bars, points, sankey nodes). */
  onClick?: (event: { dataIndex: number; seriesIndex: number; name: string }) => void;
  /**
   * Report clicks anywhere in a category's column of the grid (not only on its bar) as a click on that
   * category: small bars are hard to hit, and the column is what the user means.
   */
  clickWholeCategory?: boolean;
  /** Accessible name of the chart (a canvas has no text of its own). */
  label: string;
  testId?: string;
}

/**
 * One ECharts instance bound to a div: created once, updated with `setOption` (so switching language or data
 * animates instead of flashing), resized with its container, and disposed on unmount.
 */
export function EChart({ option, height = 320, onClick, clickWholeCategory = false, label, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    if (clickWholeCategory) {
      instance.getZr().on('click', (event) => {
        const point = [event.offsetX, event.offsetY];
        if (!instance.containPixel('grid', point)) return;
        const [index] = instance.convertFromPixel({ seriesIndex: 0 }, point) as number[];
        if (index !== undefined && Number.isFinite(index)) clickHandler.current?.({ dataIndex: Math.round(index), seriesIndex: 0, name: '' });
      });
    } else {
      instance.on('click', (params) => {
        const p = params as { dataIndex?: number; seriesIndex?: number; name?: string };
        clickHandler.current?.({ dataIndex: p.dataIndex ?? 0, seriesIndex: p.seriesIndex ?? 0, name: p.name ?? '' });
      });
    }
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [clickWholeCategory]);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, animationDuration: 400, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      className="chart"
      role="img"
      aria-label={label}
      style={{ height, cursor: onClick ? 'pointer' : undefined }}
      data-testid={testId}
    />
  );
}
