// `npm run bench -- ocr`: Roost's OCR engine against @gutenye/ocr-node (the peer) on the same rendered images —
// document pages (1240×1754 JPEG, A4 at 150 dpi, ~28 lines) and small snippets (900 px wide PNG, 5 lines) —
// one image per call for both, alternating engine by image so load drifts hit both alike. Also Roost's raw engine
// throughput with micro-batching (4 images per call) as the baseline for bench/worker, the character error rate
// of both engines, and where each spends its time (model runs vs JavaScript around them).
// BENCH_QUICK=1: one page and two snippets, a smoke run.
import { InferenceSession } from 'onnxruntime-node';
import { createOcrEngine, type OcrEngine } from '../../gpu-worker/src/ocr/engine.ts';
import { rowTexts } from '../../gpu-worker/src/ocr/reading-order.ts';
import { characterErrorRate } from '../../gpu-worker/src/ocr/testing/cer.ts';
import { textLines } from '../../gpu-worker/src/ocr/testing/corpus.ts';
import { renderLines } from '../../gpu-worker/src/ocr/testing/render.ts';
import type { BenchResult } from '../run.ts';

const quick = process.env.BENCH_QUICK === '1';
const fonts = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'DejaVu Sans Condensed'];

interface Sample {
  bytes: Uint8Array;
  lines: string[];
}
interface PeerOcr {
  detect(image: unknown): Promise<{ text: string }[]>;
}

function log(line: string): void {
  process.stderr.write(`ocr: ${line}\n`);
}

async function corpus(kind: 'page' | 'small', count: number): Promise<Sample[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const fontFamily = fonts[i % fonts.length] as string;
      const lines = textLines(kind === 'page' ? 28 : 5, (kind === 'page' ? 1000 : 2000) + i);
      const bytes =
        kind === 'page'
          ? await renderLines(lines, {
              fontFamily,
              width: 1240,
              fontSize: 24,
              lineSpacing: 2.2,
              margin: 60,
              format: 'jpeg',
            })
          : await renderLines(lines, { fontFamily, width: 900 });
      return { bytes, lines };
    }),
  );
}

/** Wraps InferenceSession.run to add up the time the peer spends inside the models. */
function modelTimer(): { ms: () => number; restore: () => void } {
  // InferenceSession is typed as a factory, but at run time it is the class whose instances both engines use.
  const { prototype } = InferenceSession as unknown as { prototype: { run: (...args: unknown[]) => Promise<unknown> } };
  const original = prototype.run;
  let total = 0;
  prototype.run = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      total += performance.now() - started;
    }
  };
  return { ms: () => total, restore: () => (prototype.run = original) };
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

async function compare(name: string, samples: Sample[], roost: OcrEngine, peer: PeerOcr) {
  let roostMs = 0;
  let peerMs = 0;
  let peerModelMs = 0;
  // CPU time of the whole process (all ONNX Runtime and libuv threads): the work done, robust to other load.
  let roostCpuMs = 0;
  let peerCpuMs = 0;
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const roostRows: string[][] = [];
  const peerRows: string[][] = [];
  const before = { ...roost.stats };
  for (const sample of samples) {
    let cpu = process.cpuUsage();
    let started = performance.now();
    const [result] = await roost.recognize([sample.bytes]);
    roostMs += performance.now() - started;
    roostCpuMs += cpuMs(cpu);
    roostRows.push(rowTexts(result?.lines ?? []));

    const timer = modelTimer();
    cpu = process.cpuUsage();
    started = performance.now();
    const lines = await peer.detect(Buffer.from(sample.bytes));
    peerMs += performance.now() - started;
    peerCpuMs += cpuMs(cpu);
    peerModelMs += timer.ms();
    timer.restore();
    peerRows.push(lines.map((line) => line.text));
  }
  const cer = (rows: string[][]) =>
    characterErrorRate(
      rows.map((r) => r.join('\n')),
      samples.map((s) => s.lines.join('\n')),
    );
  const s = roost.stats;
  const roostModelMs =
    s.detectionModelMs - before.detectionModelMs + (s.recognitionModelMs - before.recognitionModelMs);
  const out = {
    roostImagesPerS: (samples.length * 1000) / roostMs,
    peerImagesPerS: (samples.length * 1000) / peerMs,
    roostCer: cer(roostRows),
    peerCer: cer(peerRows),
    roostJsShare: 1 - roostModelMs / roostMs,
    peerJsShare: 1 - peerModelMs / peerMs,
    roostMs,
    peerMs,
    roostCpuMsPerImage: roostCpuMs / samples.length,
    peerCpuMsPerImage: peerCpuMs / samples.length,
  };
  log(
    `${name}: roost ${out.roostImagesPerS.toFixed(2)} img/s CER ${(out.roostCer * 100).toFixed(2)}% | peer ${out.peerImagesPerS.toFixed(2)} img/s CER ${(out.peerCer * 100).toFixed(2)}% | ratio ${(out.roostImagesPerS / out.peerImagesPerS).toFixed(2)}x | CPU ms/image ${out.roostCpuMsPerImage.toFixed(0)} vs ${out.peerCpuMsPerImage.toFixed(0)}`,
  );
  return out;
}

export async function run(): Promise<BenchResult> {
  const pages = await corpus('page', quick ? 1 : 6);
  const small = await corpus('small', quick ? 2 : 12);
  log(`${pages.length} pages, ${small.length} snippets rendered`);

  const roost = await createOcrEngine();
  const { default: PeerOcrClass } = (await import('@gutenye/ocr-node')) as unknown as {
    default: { create(): Promise<PeerOcr> };
  };
  const peer = await PeerOcrClass.create();
  // Warm-up: the first run of each session allocates and plans.
  const warm = small[0] as Sample;
  await roost.recognize([warm.bytes]);
  await peer.detect(Buffer.from(warm.bytes));

  const page = await compare('pages', pages, roost, peer);
  const snippet = await compare('snippets', small, roost, peer);

  // Raw engine throughput, micro-batched (what bench/worker's queue path is compared with).
  const all = [...pages, ...small];
  let started = performance.now();
  for (let i = 0; i < all.length; i += 4) await roost.recognize(all.slice(i, i + 4).map((s) => s.bytes));
  const batchedImagesPerS = (all.length * 1000) / (performance.now() - started);
  started = performance.now();
  for (const sample of all) await roost.recognize([sample.bytes]);
  const singleImagesPerS = (all.length * 1000) / (performance.now() - started);
  await roost.close();

  const allRoostPerS = (all.length * 1000) / (page.roostMs + snippet.roostMs);
  const allPeerPerS = (all.length * 1000) / (page.peerMs + snippet.peerMs);
  return {
    metrics: {
      images: all.length,
      pages: pages.length,
      snippets: small.length,
      roost_pages_images_per_s: round(page.roostImagesPerS),
      peer_pages_images_per_s: round(page.peerImagesPerS),
      roost_snippets_images_per_s: round(snippet.roostImagesPerS),
      peer_snippets_images_per_s: round(snippet.peerImagesPerS),
      roost_pages_cer: round(page.roostCer, 4),
      peer_pages_cer: round(page.peerCer, 4),
      roost_snippets_cer: round(snippet.roostCer, 4),
      peer_snippets_cer: round(snippet.peerCer, 4),
      roost_pages_js_share: round(page.roostJsShare),
      peer_pages_js_share: round(page.peerJsShare),
      roost_snippets_js_share: round(snippet.roostJsShare),
      peer_snippets_js_share: round(snippet.peerJsShare),
      roost_pages_cpu_ms_per_image: round(page.roostCpuMsPerImage, 1),
      peer_pages_cpu_ms_per_image: round(page.peerCpuMsPerImage, 1),
      roost_snippets_cpu_ms_per_image: round(snippet.roostCpuMsPerImage, 1),
      peer_snippets_cpu_ms_per_image: round(snippet.peerCpuMsPerImage, 1),
      roost_raw_batched_images_per_s: round(batchedImagesPerS),
      roost_raw_single_images_per_s: round(singleImagesPerS),
    },
    ratios: {
      roost_vs_peer_images_per_s: round(allRoostPerS / allPeerPerS),
      roost_vs_peer_pages_images_per_s: round(page.roostImagesPerS / page.peerImagesPerS),
      roost_vs_peer_snippets_images_per_s: round(snippet.roostImagesPerS / snippet.peerImagesPerS),
      roost_vs_peer_pages_cpu_ms_per_image: round(page.roostCpuMsPerImage / page.peerCpuMsPerImage),
      roost_vs_peer_snippets_cpu_ms_per_image: round(snippet.roostCpuMsPerImage / snippet.peerCpuMsPerImage),
      roost_batched_vs_single_images_per_s: round(batchedImagesPerS / singleImagesPerS),
    },
  };
}
