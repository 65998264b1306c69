// The real handlers of each kind: OCR through the engine of src/ocr/ (created once, on first use,
// shared by the three OCR kinds), forecasts and no-show risk through Roost's own models
// (src/forecast/, src/noshow/).
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { KindHandler } from '../jobs/handler.ts';
import type { JobKind } from '../jobs/kinds.ts';
import type { ExecutionProviderName } from '../models/providers.ts';
import { setProviderLog } from '../models/providers.ts';
import { createOcrEngine, type OcrEngine } from '../ocr/engine.ts';
import { createOcrHandler } from './ocr.ts';
import { createForecastHandler, createNoShowHandler } from './predictions.ts';

export async function createDefaultHandlers(
  kinds: readonly JobKind[],
  deps: { sql: Sql; log: Logger; providers?: ExecutionProviderName[] },
): Promise<Partial<Record<JobKind, KindHandler>>> {
  const handlers: Partial<Record<JobKind, KindHandler>> = {};
  if (kinds.length === 0) return handlers;
  setProviderLog((line) => deps.log.info(line));
  let engine: Promise<OcrEngine> | null = null;
  const sharedEngine = () => {
    if (!engine) {
      const creating = createOcrEngine({ providers: deps.providers });
      // A failed load is not kept (as in the model loader): the next batch tries again.
      creating.catch(() => {
        if (engine === creating) engine = null;
      });
      engine = creating;
    }
    return engine;
  };
  let closed: Promise<void> | null = null;
  const closeEngine = () => {
    closed ??= engine ? engine.then((e) => e.close()).catch(() => {}) : Promise.resolve();
    return closed;
  };
  for (const kind of kinds) {
    if (kind === 'ocr_id_document' || kind === 'ocr_receipt' || kind === 'ocr_menu') {
      handlers[kind] = { ...createOcrHandler(kind, sharedEngine), close: closeEngine };
    }
    if (kind === 'forecast') handlers[kind] = createForecastHandler(deps.sql);
    if (kind === 'no_show_risk') handlers[kind] = createNoShowHandler(deps.sql);
  }
  return handlers;
}
