// Stripe's request bodies and query strings: `application/x-www-form-urlencoded` with bracketed
// keys (`metadata[roost_kind]=booking`, `line_items[0][price_data][currency]=eur`, `expand[]=x`),
// as the SDK encodes them (qs, `arrayFormat: 'indices'`). Decoded into nested objects; objects
// whose keys are all indices become arrays. Values stay strings, as Stripe receives them.

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const MAX_DEPTH = 8;

function keyPath(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match?.[1]) return null;
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1] ?? '');
  const path = [match[1], ...rest];
  return path.length > MAX_DEPTH ? null : path;
}

function arraysOf(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arraysOf(value[key] as FormValue);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => converted[key] as FormValue);
  }
  return converted;
}

/** Decodes a form body; a malformed key is refused with the key named (Stripe's `parameter_unknown`). */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  const params = new URLSearchParams(body);
  for (const [rawKey, value] of params) {
    const path = keyPath(rawKey);
    if (!path) throw new FormError(rawKey);
    let node: FormObject = root;
    for (let i = 0; i < path.length; i++) {
      let part = path[i] as string;
      const last = i === path.length - 1;
      if (part === '') part = String(Object.keys(node).length); // `expand[]`
      if (last) {
        node[part] = value;
      } else {
        const next = node[part];
        if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[part] = {};
        node = node[part] as FormObject;
      }
    }
  }
  return arraysOf(root) as FormObject;
}

export class FormError extends Error {
  readonly param: string;
  constructor(param: string) {
    super(`Received unknown parameter: ${param}`);
    this.param = param;
  }
}
