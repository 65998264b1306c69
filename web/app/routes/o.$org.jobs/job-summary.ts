// How a job reads in the list: its kind in words, and one line of what came of it.
export const KIND_LABELS: Record<string, string> = {
  ocr_id_document: 'ID document scan',
  ocr_receipt: 'Receipt or invoice scan',
  ocr_menu: 'Menu scan',
  forecast: 'Occupancy forecast',
  no_show_risk: 'No-show risk',
};

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead'] as const;

export const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  dead: 'Gave up',
};

const MAX = 140;

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** "key: value" pairs of a result's scalars, one level deep, long text lines left out. */
export function resultSummary(result: unknown): string {
  if (!result || typeof result !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (key === 'lines' || key === 'width' || key === 'height') continue;
    const text = scalar(value);
    if (text !== null) parts.push(`${key}: ${text}`);
    else if (Array.isArray(value)) parts.push(`${key}: ${value.length} ${value.length === 1 ? 'item' : 'items'}`);
    else if (value && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value)) {
        const innerText = scalar(innerValue);
        if (innerText !== null) parts.push(`${inner}: ${innerText}`);
        else if (Array.isArray(innerValue)) parts.push(`${inner}: ${innerValue.length}`);
      }
    }
  }
  const line = parts.join(' · ');
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

export function errorSummary(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return '';
}
