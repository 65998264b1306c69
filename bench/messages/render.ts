// Rendered emails per second (issue 17): every template of the portal's preview list rendered
// with React Email to HTML and plain text (shared/mail/samples.ts, the same sample data the
// portal previews), in English and German, one after another in this process, after a warm-up
// round. A booking confirmation also draws its .ics; the daily report is HTML and text only.
// `runRenderBench()` returns { metrics, ratios } for bench/messages' index.
import { performance } from 'node:perf_hooks';
import { ROOST_BRAND } from '../../shared/mail/brand.ts';
import { loadTemplates } from '../../shared/mail/load.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = QUICK ? 3 : 20;

export async function runRenderBench(): Promise<{ metrics: Record<string, number>; ratios: Record<string, number> }> {
  // The .tsx templates need the module hook plain Node gets from loadTemplates() (decision 029).
  await loadTemplates();
  const { PREVIEW_TEMPLATES, renderSample } = await import('../../shared/mail/samples.ts');
  const brand = { ...ROOST_BRAND, name: 'Harbour Hotels', senderName: 'Harbour Hotels' };
  const renderAll = async () => {
    let bytes = 0;
    for (const language of ['en', 'de'] as const) {
      for (const name of PREVIEW_TEMPLATES) {
        const mail = await renderSample(name, brand, language, 'Harbour View Hotel');
        bytes += mail.html.length + mail.text.length;
      }
    }
    return bytes;
  };
  await renderAll();
  const perRound: number[] = [];
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    bytes = await renderAll();
    perRound.push(performance.now() - start);
  }
  const emails = PREVIEW_TEMPLATES.length * 2;
  const totalMs = perRound.reduce((sum, ms) => sum + ms, 0);
  const sorted = perRound.slice().sort((a, b) => a - b);
  const round2 = (value: number) => Math.round(value * 100) / 100;
  return {
    metrics: {
      render_templates: PREVIEW_TEMPLATES.length,
      render_emails_per_round: emails,
      render_rounds: ROUNDS,
      render_emails_per_s: round2((emails * ROUNDS * 1000) / totalMs),
      render_ms_per_email_mean: round2(totalMs / (emails * ROUNDS)),
      render_round_p50_ms: round2(sorted[Math.floor(sorted.length / 2)] ?? 0),
      render_kb_per_round: round2(bytes / 1024),
    },
    ratios: {},
  };
}
