// Stations and routing (managers and up; staff and viewers get 403), one property at a time:
// the kitchen and bar stations of a property the user manages and which station prepares each
// catalogue category there. RLS lists only the properties the user works in and lets their
// managers change their stations and routes.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CatalogueNav } from '../../components/catalogue-nav.tsx';
import { listCategories } from '../../data/catalogue.server.ts';
import { listProperties } from '../../data/properties.server.ts';
import {
  createStation,
  listStationsAndRoutes,
  removeStation,
  saveRoutes,
  updateStation,
} from '../../data/stations.server.ts';
import catalogueStyles from '../../styles/catalogue.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { EditStationSchema, RoutesSchema, StationRefSchema, StationSchema } from './stations.schema.ts';
import { Stations } from './stations.tsx';
import { ROUTE_ERRORS, STATION_ERRORS } from './stations-errors.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'Stations and routing · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: catalogueStyles }];

const uuidOrNothing = z.uuid().optional().catch(undefined);
const QuerySchema = z.object({ property: uuidOrNothing, edit: uuidOrNothing, remove: uuidOrNothing });

/** The property asked for (or the first the user works in); 404 for one they do not work in. */
async function chooseProperty(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const search = new URL(request.url).searchParams;
  const query = QuerySchema.parse(Object.fromEntries([...search].filter(([, value]) => value !== '')));
  const properties = await listProperties(context.supabase, organization.id);
  const property = query.property ? properties.find((p) => p.id === query.property) : properties[0];
  if (query.property && !property) {
    throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
  }
  return { organization, properties, property: property ?? null, query };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, properties, property, query } = await chooseProperty(args);
  const supabase = args.context.supabase;
  const [categories, { stations, routes }] = await Promise.all([
    listCategories(supabase, organization.id),
    property ? listStationsAndRoutes(supabase, property.id) : Promise.resolve({ stations: [], routes: [] }),
  ]);
  const find = (id: string | undefined) => stations.find((station) => station.id === id) ?? null;
  return {
    organization: { slug: organization.slug },
    properties: properties.map(({ id, name }) => ({ id, name })),
    property: property ? { id: property.id, name: property.name } : null,
    categories,
    stations,
    routes,
    editing: find(query.edit),
    removing: find(query.remove),
  };
}

const failed = (intent: string, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await chooseProperty(args);
  if (!property) throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent'));
  const done = (what: string) =>
    redirect(`/o/${organization.slug}/catalogue/stations?property=${property.id}&saved=${what}`);
  switch (intent) {
    case 'station': {
      const parsed = parseForm(StationSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await createStation(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, STATION_ERRORS));
      throw done(intent);
    }
    case 'edit-station': {
      const parsed = parseForm(EditStationSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const { station_id, ...fields } = parsed.value;
      const saved = await updateStation(supabase, property.id, station_id, fields);
      if (saved.error) return failed(intent, databaseFailure(saved.error, STATION_ERRORS));
      throw done(intent);
    }
    case 'remove-station': {
      const parsed = parseForm(StationRefSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await removeStation(supabase, property.id, parsed.value.station_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, STATION_ERRORS));
      throw done(intent);
    }
    case 'routes': {
      const parsed = parseForm(RoutesSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await saveRoutes(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, ROUTE_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function StationsScreen() {
  const { organization, properties, property, categories, stations, routes, editing, removing } =
    useLoaderData<typeof loader>();
  const catalogue = `/o/${organization.slug}/catalogue`;
  const here = (id: string) => `${catalogue}/stations?property=${id}`;
  return (
    <>
      <h1>Stations and routing</h1>
      <p className="muted">Each property’s kitchen and bar stations, and which of them prepares each category.</p>
      <CatalogueNav base={catalogue} />
      {properties.length > 1 && property ? (
        <nav className="subnav" aria-label="Properties">
          <ul>
            {properties.map((entry) => (
              <li key={entry.id}>
                <Link
                  to={here(entry.id)}
                  className={entry.id === property.id ? 'active' : undefined}
                  aria-current={entry.id === property.id ? 'page' : undefined}
                >
                  {entry.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {property ? (
        <Stations
          key={property.id}
          propertyName={property.name}
          stations={stations}
          routes={routes}
          categories={categories}
          base={here(property.id)}
          editing={editing}
          removing={removing}
          catalogueHref={catalogue}
        />
      ) : (
        <p className="empty-state">
          You work in no property yet. Stations belong to a property:{' '}
          <Link to={`/o/${organization.slug}/properties`}>add or open a property</Link> first.
        </p>
      )}
    </>
  );
}
