// Occupancy per property as bars (uPlot, as every dashboard chart: decision 026), drawn in the
// browser; the roll-up table above carries the same numbers for screen readers and printing.
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';

export function PropertyBars({ names, values }: { names: string[]; values: (number | null)[] }) {
  const box = useRef<HTMLDivElement>(null);
  const signature = JSON.stringify([names, values]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for the data drawn.
  useEffect(() => {
    let plot: uPlot | null = null;
    let cancelled = false;
    let resize: ResizeObserver | null = null;
    import('uplot').then(({ default: UPlot }) => {
      const element = box.current;
      if (cancelled || !element) return;
      plot = new UPlot(
        {
          width: element.clientWidth || 600,
          height: 260,
          scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: [0, 1] } },
          legend: { live: true },
          cursor: { drag: { x: false, y: false } },
          axes: [
            {
              stroke: '#556070',
              splits: () => names.map((_, index) => index),
              values: (_u, splits) => splits.map((index) => names[index] ?? ''),
              grid: { show: false },
            },
            {
              stroke: '#556070',
              grid: { stroke: '#e5e8ec' },
              size: 60,
              values: (_u, splits) => splits.map((value) => `${Math.round(value * 100)} %`),
            },
          ],
          series: [
            { label: 'Property', value: (_u, index) => (index == null ? '–' : (names[index] ?? '–')) },
            {
              label: 'Occupancy',
              fill: '#0f5c5c',
              stroke: '#0f5c5c',
              paths: UPlot.paths.bars?.({ size: [0.6, 80] }),
              points: { show: false },
              value: (_u, value) => (value == null ? '–' : `${(value * 100).toFixed(1)} %`),
            },
          ],
        },
        [names.map((_, index) => index), values] as uPlot.AlignedData,
        element,
      );
      resize = new ResizeObserver(() => plot?.setSize({ width: element.clientWidth, height: 260 }));
      resize.observe(element);
    });
    return () => {
      cancelled = true;
      resize?.disconnect();
      plot?.destroy();
    };
  }, [signature]);

  return <div ref={box} className="trend-chart" aria-hidden="true" data-chart="property-occupancy" />;
}
