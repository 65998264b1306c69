// Maintenance figures of an organization, as the signed-in user (RLS keeps to the properties they
// work at): open and overdue work orders per property, and the cost of the work orders done in a
// period per property and per room (public.work_order_costs: the invoice total read by OCR, else
// the accepted quote). Amounts stay in minor units of each property's currency.
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import { listProperties } from './properties.server.ts';
import { OPEN_STATUSES } from './work-orders.server.ts';

export interface PropertyLine {
  propertyId: string;
  propertyName: string;
  currency: string;
  open: number;
  overdue: number;
  done: number;
  costMinor: number;
  /** Done orders with neither an accepted quote nor a read invoice: their cost is unknown. */
  unpriced: number;
}

export interface RoomLine {
  propertyName: string;
  roomName: string;
  currency: string;
  done: number;
  costMinor: number;
}

export interface OverdueOrder {
  id: string;
  number: number;
  title: string;
  propertyId: string;
  propertyName: string;
  dueOn: string;
}

/** A done work order's cost and when it was closed (the chart's points). */
export interface ClosedCost {
  propertyId: string;
  closedAt: string;
  costMinor: number;
}

export interface MaintenanceReport {
  properties: PropertyLine[];
  rooms: RoomLine[];
  overdue: OverdueOrder[];
  closed: ClosedCost[];
}

/** `todayOf(propertyId)`: the property's local date, for what counts as overdue there. */
export async function loadMaintenanceReport(
  supabase: Supabase,
  organizationId: string,
  period: { fromInstant: string; toInstant: string },
  todayOf: (timeZone: string) => string,
): Promise<MaintenanceReport> {
  const properties = await listProperties(supabase, organizationId);
  const [open, costs] = await Promise.all([
    supabase
      .from('work_orders')
      .select('id, number, title, property_id, due_on')
      .eq('organization_id', organizationId)
      .in('status', OPEN_STATUSES)
      .limit(10_000),
    supabase
      .from('work_order_costs')
      .select('work_order_id, property_id, resource_id, cost_minor, currency, closed_at')
      .eq('organization_id', organizationId)
      .eq('status', 'done')
      .gte('closed_at', period.fromInstant)
      .lt('closed_at', period.toInstant)
      .limit(10_000),
  ]);
  if (open.error) throw new DataError(open.error);
  if (costs.error) throw new DataError(costs.error);
  const roomIds = [...new Set(costs.data.map((row) => row.resource_id).filter((id): id is string => Boolean(id)))];
  const rooms = roomIds.length
    ? await supabase.from('resources').select('id, name').in('id', roomIds)
    : { data: [], error: null };
  if (rooms.error) throw new DataError(rooms.error);
  const roomNames = new Map(rooms.data.map((room) => [room.id, room.name]));

  const byProperty = new Map<string, PropertyLine>(
    properties.map((p) => [
      p.id,
      {
        propertyId: p.id,
        propertyName: p.name,
        currency: p.currency,
        open: 0,
        overdue: 0,
        done: 0,
        costMinor: 0,
        unpriced: 0,
      },
    ]),
  );
  const zones = new Map(properties.map((p) => [p.id, p.time_zone]));
  const overdue: OverdueOrder[] = [];
  for (const order of open.data) {
    const line = byProperty.get(order.property_id);
    if (!line) continue;
    line.open += 1;
    const today = todayOf(zones.get(order.property_id) ?? 'UTC');
    if (order.due_on && order.due_on < today) {
      line.overdue += 1;
      overdue.push({
        id: order.id,
        number: order.number,
        title: order.title,
        propertyId: order.property_id,
        propertyName: line.propertyName,
        dueOn: order.due_on,
      });
    }
  }
  const byRoom = new Map<string, RoomLine>();
  const closed: ClosedCost[] = [];
  for (const row of costs.data) {
    const line = row.property_id ? byProperty.get(row.property_id) : undefined;
    if (!line) continue;
    if (row.closed_at && row.cost_minor !== null) {
      closed.push({ propertyId: line.propertyId, closedAt: row.closed_at, costMinor: row.cost_minor });
    }
    line.done += 1;
    if (row.cost_minor === null) line.unpriced += 1;
    line.costMinor += row.cost_minor ?? 0;
    if (row.resource_id) {
      const key = row.resource_id;
      const room = byRoom.get(key) ?? {
        propertyName: line.propertyName,
        roomName: roomNames.get(key) ?? 'Unknown room',
        currency: line.currency,
        done: 0,
        costMinor: 0,
      };
      room.done += 1;
      room.costMinor += row.cost_minor ?? 0;
      byRoom.set(key, room);
    }
  }
  return {
    properties: [...byProperty.values()].sort((a, b) => a.propertyName.localeCompare(b.propertyName)),
    rooms: [...byRoom.values()].sort((a, b) => b.costMinor - a.costMinor || a.roomName.localeCompare(b.roomName)),
    overdue: overdue.sort((a, b) => a.dueOn.localeCompare(b.dueOn)).slice(0, 100),
    closed,
  };
}
