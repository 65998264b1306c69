// A request's query string, sorted into what PostgREST reads from it: the select tree, filters and
// modifiers per embed path, `columns`, `on_conflict`, and (for GET RPC) function arguments.
import { parseError } from './errors.ts';
import {
  parseCount,
  parseFieldKey,
  parseLogic,
  parseNameList,
  parseOperation,
  parseOrder,
  parseSelect,
  type SelectItem,
} from './parse.ts';
import { emptyModifiers, type NodeModifiers } from './read.ts';

export interface RequestQuery {
  select: SelectItem[];
  /** Whether `select` was given (mutations return nothing more than asked). */
  hasSelect: boolean;
  modifiers: Map<string, NodeModifiers>;
  columns: string[] | null;
  onConflict: string[] | null;
  /** GET/HEAD RPC arguments, by name (raw strings). */
  args: Map<string, string>;
}

const MAX_PARAMETERS = 200;

function modifiersAt(modifiers: Map<string, NodeModifiers>, path: string): NodeModifiers {
  let found = modifiers.get(path);
  if (!found) {
    found = emptyModifiers();
    modifiers.set(path, found);
  }
  return found;
}

/** Sorts the query parameters; `isArgument(name)` claims top-level names for an RPC. */
export function readRequestQuery(search: URLSearchParams, isArgument: (name: string) => boolean = () => false) {
  const query: RequestQuery = {
    select: [{ kind: 'star' }],
    hasSelect: false,
    modifiers: new Map([['', emptyModifiers()]]),
    columns: null,
    onConflict: null,
    args: new Map(),
  };
  let count = 0;
  for (const [key, value] of search) {
    count += 1;
    if (count > MAX_PARAMETERS) throw parseError(`too many query parameters (at most ${MAX_PARAMETERS})`);
    if (key === 'apikey') continue; // read by the gateway (websocket-style clients send it here)
    if (key === 'select') {
      query.select = parseSelect(value);
      query.hasSelect = true;
      continue;
    }
    if (key === 'columns') {
      query.columns = parseNameList(value, 'columns parameter');
      continue;
    }
    if (key === 'on_conflict') {
      query.onConflict = parseNameList(value, 'on_conflict parameter');
      continue;
    }
    if (isArgument(key)) {
      query.args.set(key, value);
      continue;
    }
    const segments = key.split('.');
    const last = segments.at(-1) as string;
    const negatedLogic = segments.length >= 2 && segments.at(-2) === 'not' && (last === 'or' || last === 'and');
    if (last === 'or' || last === 'and') {
      const path = segments.slice(0, negatedLogic ? -2 : -1).join('.');
      modifiersAt(query.modifiers, path).logic.push(parseLogic(last, negatedLogic, value));
      continue;
    }
    const path = segments.slice(0, -1).join('.');
    const node = modifiersAt(query.modifiers, path);
    if (last === 'order') node.order = parseOrder(value);
    else if (last === 'limit') node.limit = parseCount(value, 'limit');
    else if (last === 'offset') node.offset = parseCount(value, 'offset');
    else node.filters.push(parseOperation(parseFieldKey(last), value));
  }
  return query;
}
