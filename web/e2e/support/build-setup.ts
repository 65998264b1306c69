// Vitest global setup of the `web` project: the production build the browser tests serve (and
// whose client assets the secrets scan reads), built once per run.
import { buildWebApp } from '../../../supabase/local/web-process.ts';

export function setup(): void {
  buildWebApp();
}
