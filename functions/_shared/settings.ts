/// <reference lib="deno.window" />
// This function's settings, read once per warm process through the one settings module that the
// worker and the web app use too (shared/settings.ts). Read on first use, not at import: a
// misconfigured function still boots and answers 500, its log naming the offending variables.
import { type FunctionSettings, functionSettings } from '../../shared/settings.ts';

let cached: FunctionSettings | undefined;

export function settings(): FunctionSettings {
  cached ??= functionSettings(Deno.env.toObject());
  return cached;
}
