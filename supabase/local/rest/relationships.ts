// Resolving an embedded resource (`select=*,rooms(*)`) to one relationship of the schema cache,
// with PostgREST's disambiguation rules and its errors (PGRST200 none, PGRST201 more than one).
import { RestError } from './errors.ts';
import type { ForeignKey, SchemaCache, Table } from './schema-cache.ts';

export type Cardinality = 'many-to-one' | 'one-to-one' | 'one-to-many' | 'many-to-many';

export interface Relationship {
  cardinality: Cardinality;
  source: Table;
  target: Table;
  /** For many-to-one/one-to-one: the key from source to target; for one-to-many: from target to source. */
  key: ForeignKey;
  /** Many-to-many: the junction table's key to the source and its key to the target. */
  junction: { table: Table; toSource: ForeignKey; toTarget: ForeignKey } | null;
}

const sameColumns = (a: string[], b: string[]) => a.length === b.length && a.every((column) => b.includes(column));

function isUnique(table: Table, columns: string[]): boolean {
  return table.uniqueKeys.some((unique) => sameColumns(unique, columns));
}

export function isToOne(relationship: Relationship): boolean {
  return relationship.cardinality === 'many-to-one' || relationship.cardinality === 'one-to-one';
}

/** Every relationship from `source` to tables of the same schema. */
function relationshipsOf(cache: SchemaCache, source: Table): Relationship[] {
  const found: Relationship[] = [];
  for (const key of cache.foreignKeys) {
    if (key.table === source) {
      found.push({ cardinality: 'many-to-one', source, target: key.foreignTable, key, junction: null });
    }
    if (key.foreignTable === source) {
      const oneToOne = isUnique(key.table, key.columns);
      found.push({
        cardinality: oneToOne ? 'one-to-one' : 'one-to-many',
        source,
        target: key.table,
        key,
        junction: null,
      });
    }
  }
  // Many-to-many: a junction whose two keys (one to the source, one to the target) are both part
  // of its primary key.
  for (const toSource of cache.foreignKeys) {
    if (toSource.foreignTable !== source || toSource.table.kind !== 'table') continue;
    const junction = toSource.table;
    if (!toSource.columns.every((column) => junction.primaryKey.includes(column))) continue;
    for (const toTarget of cache.foreignKeys) {
      if (toTarget.table !== junction || toTarget === toSource) continue;
      if (!toTarget.columns.every((column) => junction.primaryKey.includes(column))) continue;
      found.push({
        cardinality: 'many-to-many',
        source,
        target: toTarget.foreignTable,
        key: toTarget,
        junction: { table: junction, toSource, toTarget },
      });
    }
  }
  return found;
}

/** Whether `name` (as written in `select`) names this relationship's target. */
function namesTarget(relationship: Relationship, name: string): boolean {
  if (relationship.target.name === name) return true;
  // A to-one embed may also be named by its key's column or by the key's constraint name.
  if (relationship.cardinality === 'many-to-one' || relationship.cardinality === 'one-to-one') {
    const ownColumns = relationship.cardinality === 'many-to-one' ? relationship.key.columns : [];
    if (ownColumns.length === 1 && ownColumns[0] === name) return true;
  }
  return relationship.key.constraint === name && relationship.junction === null;
}

function matchesHint(relationship: Relationship, hint: string): boolean {
  const { key, junction } = relationship;
  if (junction) {
    return (
      junction.table.name === hint || junction.toSource.constraint === hint || junction.toTarget.constraint === hint
    );
  }
  if (key.constraint === hint) return true;
  const columns = relationship.cardinality === 'many-to-one' ? key.columns : key.columns;
  return (
    (columns.length === 1 && columns[0] === hint) || (key.foreignColumns.length === 1 && key.foreignColumns[0] === hint)
  );
}

function describe(relationship: Relationship): { cardinality: Cardinality; embedding: string; relationship: string } {
  const { key, junction, source, target } = relationship;
  const detail = junction
    ? `${junction.table.name} using ${junction.toSource.constraint}(${junction.toSource.columns.join(', ')}) and ${junction.toTarget.constraint}(${junction.toTarget.columns.join(', ')})`
    : `${key.constraint} using ${key.table.name}(${key.columns.join(', ')}) and ${key.foreignTable.name}(${key.foreignColumns.join(', ')})`;
  return {
    cardinality: relationship.cardinality,
    embedding: `${source.name} with ${target.name}`,
    relationship: detail,
  };
}

function hintName(relationship: Relationship): string {
  if (relationship.junction) return relationship.junction.table.name;
  return relationship.key.constraint;
}

/** The one relationship `name!hint` means from `source`, or PGRST200/PGRST201. */
export function resolveRelationship(
  cache: SchemaCache,
  source: Table,
  name: string,
  hint: string | null,
): Relationship {
  let candidates = relationshipsOf(cache, source).filter((relationship) => namesTarget(relationship, name));
  if (hint !== null) {
    // A hint may also name the target when the embed was named by a column.
    candidates = candidates.filter(
      (relationship) => matchesHint(relationship, hint) || relationship.target.name === hint,
    );
  }
  // A name that matches a target table exactly wins over column/constraint names.
  if (candidates.length > 1 && hint === null) {
    const direct = candidates.filter((relationship) => relationship.target.name === name && !relationship.junction);
    const byColumn = candidates.filter((relationship) => relationship.target.name !== name);
    if (direct.length === 0 && byColumn.length === 1) candidates = byColumn;
  }
  if (candidates.length === 1) return candidates[0] as Relationship;
  if (candidates.length === 0) {
    const hinted = hint === null ? '' : ` using the hint '${hint}'`;
    throw new RestError(400, {
      code: 'PGRST200',
      message: `Could not find a relationship between '${source.name}' and '${name}' in the schema cache`,
      details: `Searched for a foreign key relationship between '${source.name}' and '${name}'${hinted} in the schema '${source.schema}', but no matches were found.`,
      hint: null,
    });
  }
  throw new RestError(300, {
    code: 'PGRST201',
    message: `Could not embed because more than one relationship was found for '${source.name}' and '${name}'`,
    details: candidates.map(describe),
    hint: `Try changing '${name}' to one of the following: ${candidates.map((relationship) => `'${name}!${hintName(relationship)}'`).join(', ')}. Find the desired relationship in the 'details' key.`,
  });
}
