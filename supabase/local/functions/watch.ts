// Reload on change during `npm start`: one recursive fs.watch over the functions folder. A change
// under `<name>/` restarts that function; a change anywhere else (`_shared/`, `.env`) restarts all.
import { type FSWatcher, watch } from 'node:fs';

export function watchFunctions(
  functionsDir: string,
  onChange: (name: string | null) => void,
  debounceMs = 150,
): { close(): void } {
  const pending = new Set<string | null>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const names = [...pending];
    pending.clear();
    if (names.includes(null)) onChange(null);
    else for (const name of names) onChange(name);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(functionsDir, { recursive: true }, (_event, file) => {
      const first = file?.toString().split(/[\\/]/)[0];
      const isFunction = first !== undefined && file?.toString().includes('/') && !first.startsWith('_');
      pending.add(isFunction ? first : null);
      timer ??= setTimeout(flush, debounceMs);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No folder yet (or no recursive watch here): nothing to reload.
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
