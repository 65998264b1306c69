// (d) The JavaScript a staff screen costs, gzip level 9, two ways: from the build's assets
// manifest (entry and its imports, then every route from root down to the screen, with their
// imports: what a first visit preloads), and from what a Chromium page of the screen actually
// fetched (Resource Timing: lazy chunks too), each file read from the build and compressed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[]; parentId?: string }>;
}

export interface JsSize {
  files: number;
  rawKb: number;
  gzipKb: number;
}

function measure(clientDir: string, files: Iterable<string>): JsSize {
  let raw = 0;
  let gzip = 0;
  let count = 0;
  for (const file of files) {
    const bytes = readFileSync(join(clientDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    count += 1;
  }
  return { files: count, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}

/** The manifest's files for a first visit to `routeId` (its ancestors included). */
export function manifestJavaScript(manifest: Manifest, clientDir: string, routeId: string): JsSize {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`staff bench: no route ${id} in the build`);
    for (const file of [route.module, ...(route.imports ?? [])]) files.add(file);
  }
  return measure(clientDir, files);
}

/** The same-origin .js files the page has fetched so far (Resource Timing). */
export async function loadedJavaScript(page: Page, clientDir: string): Promise<JsSize> {
  const paths = (await page.evaluate(`Array.from(new Set(performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.endsWith('.js'))
    .map((url) => url.pathname)))`)) as string[];
  return measure(clientDir, paths);
}
