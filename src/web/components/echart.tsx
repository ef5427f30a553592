/**
 * A small ECharts wrapper: only the charts and components the dashboard and the monitoring screens use are registered
 * (echarts/core keeps the bundle small); resizes with its box; disposed on unmount. A chart given its `table` carries
 * its figures as a table a screen reader reads (the canvas says nothing), the same figures the bars are drawn of.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { usePrefersReducedMotion } from '../lib/reduced-motion';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DatasetComponent, MarkLineComponent, CanvasRenderer]);

export type { EChartsCoreOption };

/** A chart's figures as a table: the first column names each row (a department), then one column per series. */
export interface ChartTable {
  caption: string;
  /** The header: the rows' name, then each series. */
  columns: readonly string[];
  rows: readonly { name: string; values: readonly (number | string)[] }[];
}

export function EChart({
  option,
  height = 320,
  onClick,
  testId,
  table,
}: {
  option: EChartsCoreOption;
  height?: number;
  onClick?: (e: ECElementEvent) => void;
  testId?: string;
  table?: ChartTable;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const reducedMotion = usePrefersReducedMotion();

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.(e as ECElementEvent));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // with less motion asked for, the bars and lines are drawn at their values rather than grown to them
    chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, reducedMotion]);

  const chart_ = <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
  if (table === undefined) return chart_;
  return (
    <>
      {chart_}
      {/* hidden in a box of its own: a table is laid out as wide as its cells whatever its width, so .sr-only on the table
          itself left the page 108 px wider than a 1440 px screen (438 px on a phone) (issue 71) */}
      <div className="sr-only">
        <table data-testid={testId === undefined ? undefined : `${testId}-table`}>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={`${r.name}-${i}`}>
                <th scope="row">{r.name}</th>
                {r.values.map((v, j) => (
                  <td key={j}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
