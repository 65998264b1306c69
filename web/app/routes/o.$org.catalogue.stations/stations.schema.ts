// The stations forms: a station (name and kind) and the routing of categories to stations, one
// select per category (`route-<category id>`: a station id, or blank for no route of its own).
import { z } from 'zod';
import { name } from '../o.$org.catalogue._index/catalogue.schema.ts';

export const STATION_KINDS = ['kitchen', 'bar', 'other'] as const;
export const STATION_KIND_LABELS: Record<(typeof STATION_KINDS)[number], string> = {
  kitchen: 'Kitchen',
  bar: 'Bar',
  other: 'Other',
};

export const StationSchema = z.object({
  name: name('station'),
  kind: z.enum(STATION_KINDS, 'Choose what kind of station this is.'),
});

export const EditStationSchema = StationSchema.extend({ station_id: z.uuid('Choose a station.') });
export const StationRefSchema = z.object({ station_id: z.uuid('Choose a station.') });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RoutesSchema = z.record(z.string(), z.string()).transform((fields, context) => {
  const routes: { category_id: string; station_id: string | null }[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const category = /^route-(.+)$/.exec(key)?.[1];
    if (!category) continue;
    if (!UUID.test(category) || (value !== '' && !UUID.test(value))) {
      context.addIssue({ code: 'custom', path: [key], message: 'Choose a station or no station.' });
      continue;
    }
    routes.push({ category_id: category, station_id: value || null });
  }
  return routes;
});
