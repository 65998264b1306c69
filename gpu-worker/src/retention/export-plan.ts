// Which rows belong to an organization, read from the catalogue so that a new table is never
// forgotten (decision 038): a table with an organization_id column holds the organization's rows
// where it matches; a table without one holds those that reference (by foreign key) rows that
// belong to it, transitively. Every application table is exported, left out on purpose
// (OMITTED: secrets), or declared as holding no organization's rows (NOT_TENANT_DATA); the
// offboarding test fails on any other.
import type { Sql } from 'postgres';

/** Application schemas whose tables may hold an organization's rows. */
export const APPLICATION_SCHEMAS = ['public', 'private'] as const;

/** Tables of an organization never put in an export, and why. */
export const OMITTED: Record<string, string> = {
  'private.webhook_secrets': 'signing secrets of webhook endpoints: credentials, not data',
};

/** Tables that hold no organization's rows (platform tables, per-person tables), and why. */
export const NOT_TENANT_DATA: Record<string, string> = {
  'private.time_zones': 'the list of time zones (reference data)',
  'public.profiles': "a person's account profile, shared by every organization they belong to",
  'private.mail_outbox': 'the platform outbox: not keyed to an organization (retention purges its bodies)',
  'private.mailbox': 'the local development mailbox',
  'private.mail_attachments': 'attachments of the platform outbox',
  'private.vendor_mail_queue': 'vendor emails waiting a moment for the worker to render them (decision 041)',
  'private.organization_deletions': 'the record of organizations already deleted',
  'public.notification_preferences': "a person's notification settings, across organizations",
  'private.webhook_settings': "the installation's webhook settings (one row)",
  'private.workflow_secrets': "the installation's key for unsubscribe links (one row)",
  'private.widget_secrets': "the installation's key for widget holds (one row)",
  'private.widget_rate_windows': 'rate limit counters of the public widgets',
  'private.guest_data_rules': 'how GDPR erasure treats each table (reference data)',
  'public.billing_plans': "Roost's subscription plans (reference data)",
  'private.stripe_events': "Stripe's webhook events as received (platform log, keyed by Stripe account)",
};

export interface PlannedTable {
  /** schema.table, quoted for SQL. */
  sql: string;
  /** schema.table as written in the lists above. */
  name: string;
  /** Selects the organization's rows as JSON ($1 is the organization id), in a stable order. */
  query: string;
  /** How the table reaches the organization: 'organization_id' or the foreign key path. */
  via: string;
}

export interface ExportPlan {
  tables: PlannedTable[];
  omitted: string[];
  /** Application tables neither planned, omitted nor declared not tenant data: must be empty. */
  unplanned: string[];
}

interface CatalogueTable {
  name: string;
  columns: string[];
}

interface CatalogueKey {
  table: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
const quoteTable = (name: string) => name.split('.').map(quote).join('.');

/** The plan for the database's current catalogue. */
export async function readExportPlan(sql: Sql): Promise<ExportPlan> {
  const tables = await sql<CatalogueTable[]>`
    select format('%s.%s', n.nspname, c.relname) as name,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any (${APPLICATION_SCHEMAS as unknown as string[]})
      and not c.relispartition
    order by 1`;
  const keys = await sql<CatalogueKey[]>`
    select format('%s.%s', n.nspname, t.relname) as table,
      array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, i)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.i) as columns,
      format('%s.%s', rn.nspname, r.relname) as references,
      array(select a.attname::text from unnest(k.confkey) with ordinality u(attnum, i)
            join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.i) as "referencedColumns"
    from pg_constraint k
    join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
    join pg_class r on r.oid = k.confrelid join pg_namespace rn on rn.oid = r.relnamespace
    where k.contype = 'f' and n.nspname = any (${APPLICATION_SCHEMAS as unknown as string[]})
    order by 1, k.conname`;
  return planExport(tables, keys);
}

/** The plan from catalogue rows (pure: the unit of the rule). */
export function planExport(tables: readonly CatalogueTable[], keys: readonly CatalogueKey[]): ExportPlan {
  // The predicate selecting the organization's rows of each covered table, aliased `t`.
  const predicates = new Map<string, { where: string; via: string }>();
  // The root: the organization's own row.
  predicates.set('public.organizations', { where: 't.id = $1', via: 'id' });
  for (const table of tables) {
    if (table.name in NOT_TENANT_DATA) continue;
    if (table.columns.includes('organization_id')) {
      predicates.set(table.name, { where: 't.organization_id = $1', via: 'organization_id' });
    }
  }
  // Then tables that reference covered ones, until nothing changes.
  let changed = true;
  while (changed) {
    changed = false;
    for (const table of tables) {
      if (predicates.has(table.name) || table.name in NOT_TENANT_DATA) continue;
      const key = keys.find(
        (k) => k.table === table.name && k.references !== table.name && predicates.has(k.references),
      );
      if (!key) continue;
      const parent = predicates.get(key.references) as { where: string; via: string };
      const columns = key.columns.map((c) => `t.${quote(c)}`).join(', ');
      const referenced = key.referencedColumns.map((c) => `t.${quote(c)}`).join(', ');
      predicates.set(table.name, {
        where: `(${columns}) in (select ${referenced} from ${quoteTable(key.references)} t where ${parent.where})`,
        via: `${key.columns.join(', ')} → ${key.references}`,
      });
      changed = true;
    }
  }
  const planned: PlannedTable[] = [];
  const omitted: string[] = [];
  const unplanned: string[] = [];
  for (const table of tables) {
    const predicate = predicates.get(table.name);
    if (table.name in NOT_TENANT_DATA) continue;
    if (!predicate) {
      unplanned.push(table.name);
      continue;
    }
    if (table.name in OMITTED) {
      omitted.push(table.name);
      continue;
    }
    const order = table.columns.includes('id') ? 't.id' : '1';
    planned.push({
      sql: quoteTable(table.name),
      name: table.name,
      query: `select to_jsonb(t) as row from ${quoteTable(table.name)} t where ${predicate.where} order by ${order}`,
      via: predicate.via,
    });
  }
  return { tables: planned, omitted, unplanned };
}
