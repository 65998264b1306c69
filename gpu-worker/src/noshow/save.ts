// Writes no-show risks to public.booking_no_show_risk (supabase/migrations/20261122004100_predictions.sql),
// idempotently per (booking, model version); `written` counts rows inserted or changed. Runs on the worker's platform connection.
import type { Sql, TransactionSql } from 'postgres';
import { PredictionError } from '../forecast/errors.ts';
import type { RiskReason } from './model.ts';

export interface NoShowRiskToSave {
  propertyId: string;
  modelVersion: string;
  heldOut: { auc: number; baseRateAuc: number };
  scores: { bookingId: string; risk: number; reasons?: RiskReason[] }[];
  jobId?: string | null;
}

const finite = (value: number) => (Number.isFinite(value) ? value : null);

export async function saveNoShowRisk(sql: Sql | TransactionSql, risks: NoShowRiskToSave): Promise<{ written: number }> {
  const [property] = await sql<{ organizationId: string }[]>`
    select organization_id as "organizationId" from public.properties where id = ${risks.propertyId}`;
  if (!property) throw new PredictionError('property_not_found', `property ${risks.propertyId} does not exist`);
  if (!risks.scores.length) return { written: 0 };
  // Only bookings of this property are written; a score for another property's booking is dropped.
  const result = await sql`
    insert into public.booking_no_show_risk as r (organization_id, property_id, booking_id, model_version, risk,
      held_out_auc, base_rate_auc, job_id, reasons)
    select b.organization_id, b.property_id, b.id, ${risks.modelVersion}, s.risk::float8,
      ${finite(risks.heldOut.auc)}, ${finite(risks.heldOut.baseRateAuc)}, ${risks.jobId ?? null}::uuid, s.reasons::jsonb
    from unnest(${risks.scores.map((s) => s.bookingId)}::text[], ${risks.scores.map((s) => String(s.risk))}::text[],
      ${risks.scores.map((s) => JSON.stringify(s.reasons ?? []))}::text[]) as s(booking_id, risk, reasons)
    join public.bookings b on b.id = s.booking_id::uuid and b.property_id = ${risks.propertyId}
    on conflict (organization_id, booking_id, model_version) do update
      set risk = excluded.risk, held_out_auc = excluded.held_out_auc, base_rate_auc = excluded.base_rate_auc,
        job_id = excluded.job_id, reasons = excluded.reasons
      where (r.risk, r.held_out_auc, r.base_rate_auc, r.job_id, r.reasons)
        is distinct from (excluded.risk, excluded.held_out_auc, excluded.base_rate_auc, excluded.job_id, excluded.reasons)
    returning r.id`;
  return { written: result.length };
}
