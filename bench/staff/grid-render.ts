// (b) The booking grid of a hotel at 31 days: how long a page takes from navigation to the first
// painted rows (and from the HTML, which carries the loader's data, to them), and the frame rate
// while the grid is scrolled by script, one step per animation frame.
import type { BrowserContext, Page } from 'playwright-core';
import type { WatchResult } from './probe.ts';

export interface GridLoad {
  /** Navigation start → the server's first byte (the loader's time is in it), ms. */
  ttfb: number;
  /** Navigation start → the whole HTML (the loader's data with it), ms. */
  responseEnd: number;
  /** Navigation start → the first frame with the grid's rows painted, ms. */
  painted: number;
  rowsInDom: number;
  barsInDom: number;
  elements: number;
}

export interface GridScroll {
  fps: number;
  frameP50: number;
  frameP95: number;
  /** Frames that took more than 50 ms (three refreshes missed). */
  slowFrames: number;
  longTasks: number;
  longTaskMs: number;
  scrolledPx: number;
  scroller: string;
}

const GRID_ROWS = { selector: '.grid-body .grid-row .grid-room' };

/** One navigation to the grid in a fresh page of `context` (its HTTP cache is shared). */
export async function loadGrid(context: BrowserContext, url: string): Promise<{ load: GridLoad; page: Page }> {
  const page = await context.newPage();
  await page.addInitScript({ content: `window.__staffBench.watch('grid', ${JSON.stringify(GRID_ROWS)});` });
  const response = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (response?.status() !== 200) throw new Error(`staff bench: ${url} answered ${response?.status()}`);
  const painted = (await page.evaluate(() =>
    (
      globalThis as unknown as { __staffBench: { until(k: string, t: number): Promise<WatchResult | null> } }
    ).__staffBench.until('grid', 30_000),
  )) as WatchResult | null;
  if (!painted) throw new Error(`staff bench: the grid at ${url} never painted`);
  const load = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      ttfb: nav.responseStart,
      responseEnd: nav.responseEnd,
      painted: ${painted.painted} - performance.timeOrigin,
      rowsInDom: document.querySelectorAll('.grid-body .grid-row').length,
      barsInDom: document.querySelectorAll('.grid-body [data-booking]').length,
      elements: document.getElementsByTagName('*').length,
    };
  })()`)) as GridLoad;
  return { load, page };
}

/** Scrolls the grid up and down by `pxPerFrame` each animation frame for `ms`; frame intervals. */
export async function scrollGrid(context: BrowserContext, url: string, ms: number, pxPerFrame: number) {
  const { page } = await loadGrid(context, url);
  const result = (await page.evaluate(`new Promise((resolve) => {
    const grid = document.querySelector('.booking-grid');
    const scroller = grid && grid.scrollHeight > grid.clientHeight + 1 ? grid : document.scrollingElement;
    const long = [];
    let observer;
    try {
      observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) long.push(entry.duration); });
      observer.observe({ type: 'longtask' });
    } catch {}
    const intervals = [];
    let direction = 1;
    let last;
    let scrolled = 0;
    let start;
    const step = (time) => {
      if (start === undefined) start = time;
      if (last !== undefined) intervals.push(time - last);
      last = time;
      const before = scroller.scrollTop;
      scroller.scrollTop = before + direction * ${pxPerFrame};
      scrolled += Math.abs(scroller.scrollTop - before);
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) direction = -1;
      else if (scroller.scrollTop <= 0) direction = 1;
      if (time - start < ${ms}) requestAnimationFrame(step);
      else {
        if (observer) observer.disconnect();
        resolve({ intervals, long, scrolled, scroller: scroller === grid ? 'grid' : 'document' });
      }
    };
    requestAnimationFrame(step);
  })`)) as { intervals: number[]; long: number[]; scrolled: number; scroller: string };
  await page.close();
  const sorted = [...result.intervals].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const total = result.intervals.reduce((sum, value) => sum + value, 0);
  const scroll: GridScroll = {
    fps: total > 0 ? (result.intervals.length * 1000) / total : 0,
    frameP50: at(50),
    frameP95: at(95),
    slowFrames: result.intervals.filter((value) => value > 50).length,
    longTasks: result.long.length,
    longTaskMs: result.long.reduce((sum, value) => sum + value, 0),
    scrolledPx: result.scrolled,
    scroller: result.scroller,
  };
  return scroll;
}
