// /rpc/<function>: choosing the function (overloads by argument names, or one unnamed json/jsonb
// argument), binding the arguments through json_to_record so PostgreSQL converts each JSON value to
// its parameter type, and shaping the result: scalar, composite or a set that `select`, filters,
// order and paging apply to.
import { RestError } from './errors.ts';
import type { Source } from './read.ts';
import type { DbFunction, SchemaCache } from './schema-cache.ts';
import { tableKey } from './schema-cache.ts';
import { ident, type Params, qualified } from './sql-text.ts';

export interface ChosenCall {
  fn: DbFunction;
  /** The SQL of the call, e.g. `"public"."f"("a" := "pgrst_args"."a")`. */
  call: string;
  /** FROM items that bind the arguments (empty when there are none). */
  from: string;
}

const isJsonType = (type: string) => type === 'json' || type === 'jsonb';

function signature(fn: DbFunction): string {
  return `${fn.schema}.${fn.name}(${fn.inputs.map((arg) => `${arg.name} => ${arg.type}`).join(', ')})`;
}

/** The function `schema.name` called with `names`, or PGRST202/PGRST203. */
export function chooseFunction(
  cache: SchemaCache,
  schema: string,
  name: string,
  names: string[],
  singleObject: boolean,
): { fn: DbFunction; wholeBody: boolean } {
  const overloads = cache.functions.get(tableKey(schema, name)) ?? [];
  const oneJsonArgument = (fn: DbFunction, unnamed: boolean) =>
    fn.inputs.length === 1 && isJsonType(fn.inputs[0]?.type ?? '') && (!unnamed || fn.inputs[0]?.name === '');
  // Prefer: params=single-object hands the whole body to a function of one json/jsonb argument.
  const single = overloads.filter((fn) => oneJsonArgument(fn, !singleObject));
  if (singleObject && single.length === 1) return { fn: single[0] as DbFunction, wholeBody: true };
  const matching = overloads.filter((fn) => {
    const inputNames = fn.inputs.map((arg) => arg.name);
    const required = fn.inputs.filter((arg) => !arg.hasDefault).map((arg) => arg.name);
    return names.every((arg) => inputNames.includes(arg)) && required.every((arg) => names.includes(arg));
  });
  if (matching.length === 1) return { fn: matching[0] as DbFunction, wholeBody: false };
  // A function of one unnamed json/jsonb argument takes the body as it is.
  if (matching.length === 0 && single.length === 1) return { fn: single[0] as DbFunction, wholeBody: true };
  if (matching.length > 1) {
    // Prefer the overload that takes exactly the given arguments.
    const exact = matching.filter((fn) => fn.inputs.length === names.length);
    if (exact.length === 1) return { fn: exact[0] as DbFunction, wholeBody: false };
    throw new RestError(300, {
      code: 'PGRST203',
      message: `Could not choose the best candidate function between: ${matching.map(signature).join(', ')}`,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  }
  const listed = [...names].sort().join(', ');
  throw new RestError(404, {
    code: 'PGRST202',
    message: `Could not find the function ${schema}.${name}${listed ? `(${listed})` : ' without parameters'} in the schema cache`,
    details: `Searched for the function ${schema}.${name}${listed ? ` with parameters ${listed}` : ' without parameters'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    hint: null,
  });
}

/** The call of `fn` with `args` (a JSON object), arguments bound by json_to_record. */
export function callSql(fn: DbFunction, args: Record<string, unknown>, wholeBody: boolean, params: Params): ChosenCall {
  const name = qualified(fn.schema, fn.name);
  if (wholeBody) {
    const type = fn.inputs[0]?.type ?? 'json';
    return { fn, call: `${name}(${params.add(JSON.stringify(args))}::${type})`, from: '' };
  }
  const given = fn.inputs.filter((arg) => arg.name in args);
  if (given.length === 0) return { fn, call: `${name}()`, from: '' };
  const definitions = given.map((arg) => `${ident(arg.name)} ${arg.type}`).join(', ');
  const named = given
    .map((arg) => `${arg.mode === 'v' ? 'variadic ' : ''}${ident(arg.name)} := "pgrst_args".${ident(arg.name)}`)
    .join(', ');
  return {
    fn,
    call: `${name}(${named})`,
    from: `json_to_record(${params.add(JSON.stringify(args))}::json) as "pgrst_args"(${definitions})`,
  };
}

/** The rows of a set-returning or composite function as a source for the read builder. */
export function callSource(chosen: ChosenCall): Source {
  const from = chosen.from
    ? `${chosen.from}, lateral ${chosen.call} as "pgrst_call"`
    : `${chosen.call} as "pgrst_call"`;
  return {
    from: `(select "pgrst_call".* from ${from})`,
    table: chosen.fn.returnTable,
    columns: chosen.fn.returnColumns,
  };
}

/** `select` of a scalar function's JSON value (`null` for none); sets aggregate to an array. */
export function scalarSql(chosen: ChosenCall): string {
  const from = chosen.from ? ` from ${chosen.from}` : '';
  if (chosen.fn.returnsSet) {
    const source = chosen.from
      ? `${chosen.from}, lateral ${chosen.call} as "pgrst_value"`
      : `${chosen.call} as "pgrst_value"`;
    return `select count(*)::int as "page", coalesce(json_agg("pgrst_value"), '[]')::text as "body" from ${source}`;
  }
  return `select 1 as "page", to_json(${chosen.call})::text as "body"${from}`;
}

/** Whether the function's result is rows with columns (composite or table), not scalar values. */
export function returnsRows(fn: DbFunction): boolean {
  return fn.returnColumns !== null;
}
