// What the staff bench runs inside every Chromium page, injected before the page's own scripts
// (an init script over CDP, which the page's CSP does not govern; the page's CSP does forbid
// eval, so watches are data — a selector and a text — never code).
//
// A watch waits for an element matching `selector` whose text is `text` (or contains it, or is
// gone, with `absent`). A MutationObserver checks the open watches after every batch of DOM
// changes (React's commit); when one matches, the time of the change is noted, then the next
// animation frame is awaited and a message posted from it: that message runs once the frame
// has been produced, which is the "painted" time. Times are `performance.timeOrigin +
// performance.now()` (ms since the epoch on this machine's clock), the same clock node reads.

export interface Watch {
  selector: string;
  text?: string;
  /** Text match: `exact` (default) or `contains`. */
  match?: 'exact' | 'contains';
  /** Wait for no such element instead. */
  absent?: boolean;
}

export interface WatchResult {
  /** When the DOM change that satisfied the watch happened (ms since the epoch). */
  changed: number;
  /** When the frame holding it was painted (ms since the epoch). */
  painted: number;
}

/** Plain JavaScript for page.addInitScript: defines `window.__staffBench`. */
export const PROBE_SCRIPT = `(() => {
  if (window.__staffBench) return;
  const clock = () => performance.timeOrigin + performance.now();
  const watches = new Map();
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(clock());
    channel.port2.postMessage(null);
  });
  const holds = (watch) => {
    const found = Array.from(document.querySelectorAll(watch.selector)).some((element) => {
      if (watch.text === undefined) return true;
      const text = (element.textContent || '').trim();
      return watch.match === 'contains' ? text.includes(watch.text) : text === watch.text;
    });
    return watch.absent ? !found : found;
  };
  const check = () => {
    for (const entry of watches.values()) {
      if (entry.changed !== undefined) continue;
      let hit = false;
      try { hit = holds(entry.watch); } catch { hit = false; }
      if (!hit) continue;
      entry.changed = clock();
      afterPaint((painted) => {
        entry.painted = painted;
        for (const resolve of entry.waiting) resolve({ changed: entry.changed, painted });
        entry.waiting = [];
      });
    }
  };
  const state = { mutations: 0, lastMutation: 0, sends: [] };
  new MutationObserver((records) => {
    state.mutations += records.length;
    state.lastMutation = clock();
    check();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  // The POS's Send button: when the tap reached the page (the input event's own time stamp).
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target && target.closest && target.closest('.pos-send')) state.sends.push(performance.timeOrigin + event.timeStamp);
  }, true);
  window.__staffBench = {
    clock,
    state,
    watch(key, watch) {
      watches.set(key, { watch, changed: undefined, painted: undefined, waiting: [] });
      check();
    },
    /** Resolves with { changed, painted } once the watch held and was painted, or null after timeoutMs. */
    until(key, timeoutMs) {
      const entry = watches.get(key);
      if (!entry) return Promise.resolve(null);
      if (entry.painted !== undefined) return Promise.resolve({ changed: entry.changed, painted: entry.painted });
      return new Promise((resolve) => {
        entry.waiting.push(resolve);
        setTimeout(() => resolve(null), timeoutMs);
      });
    },
    forget(key) { watches.delete(key); },
  };
})();`;
