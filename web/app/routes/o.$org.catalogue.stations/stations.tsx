// A property's stations (add, change through ?edit=, remove after a confirmation through
// ?remove=) and the routing of the catalogue's categories to them.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { Category } from '../../data/catalogue.server.ts';
import type { Station, StationRoute } from '../../data/stations.server.ts';
import { IntentError } from '../o.$org.catalogue._index/intent-error.tsx';
import {
  EditStationSchema,
  RoutesSchema,
  STATION_KIND_LABELS,
  STATION_KINDS,
  StationSchema,
} from './stations.schema.ts';

function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

function StationFields({
  station,
  errors,
}: {
  station: Pick<Station, 'name' | 'kind'>;
  errors: { fieldErrors: Partial<Record<string, string[]>> } | null;
}) {
  return (
    <>
      <TextField
        label="Station name"
        name="name"
        defaultValue={station.name}
        hint="Such as Hot kitchen or Main bar."
        errors={errors?.fieldErrors.name}
      />
      <SelectField label="Kind" name="kind" defaultValue={station.kind} errors={errors?.fieldErrors.kind}>
        {STATION_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {STATION_KIND_LABELS[kind]}
          </option>
        ))}
      </SelectField>
    </>
  );
}

function EditPanel({ station, base }: { station: Station; base: string }) {
  const heading = useFocusOnOpen();
  return (
    <section className="confirm-panel" aria-labelledby="edit-title">
      <h2 id="edit-title" tabIndex={-1} ref={heading}>
        Change {station.name}
      </h2>
      <CheckedForm
        intent="edit-station"
        schema={EditStationSchema}
        formKey={station.updated_at}
        label={`Change ${station.name}`}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <input type="hidden" name="station_id" value={station.id} />
            <div className="field-row field-row-2">
              <StationFields station={station} errors={errors} />
            </div>
            <div className="confirm-actions">
              <button type="submit" className="button button-primary">
                Save station
              </button>
              <Link to={base} preventScrollReset className="button">
                Cancel
              </Link>
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}

function RemovePanel({ station, routes, base }: { station: Station; routes: number; base: string }) {
  const heading = useFocusOnOpen();
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="confirm-panel confirm-panel-danger" aria-labelledby="remove-title">
      <h2 id="remove-title" tabIndex={-1} ref={heading}>
        Remove {station.name}?
      </h2>
      <IntentError intent="remove-station" />
      <p>
        {routes
          ? `${routes === 1 ? 'A category goes' : `${routes} categories go`} to it; ${routes === 1 ? 'it loses its route' : 'they lose their routes'}, so new orders of those items reach no station until you route them again.`
          : 'No category goes to it.'}{' '}
        Orders already sent keep their lines. This cannot be undone.
      </p>
      <Form method="post" className="confirm-actions">
        <input type="hidden" name="intent" value="remove-station" />
        <input type="hidden" name="station_id" value={station.id} />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove {station.name}
        </button>
        <Link to={base} className="button">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

interface Props {
  propertyName: string;
  stations: Station[];
  routes: StationRoute[];
  categories: Category[];
  base: string;
  editing: Station | null;
  removing: Station | null;
  catalogueHref: string;
}

export function Stations({
  propertyName,
  stations,
  routes,
  categories,
  base,
  editing,
  removing,
  catalogueHref,
}: Props) {
  const stationOf = new Map(routes.map((route) => [route.category_id, route.station_id]));
  const routesTo = (id: string) => routes.filter((route) => route.station_id === id).length;
  return (
    <>
      <section className="section" aria-labelledby="stations-heading">
        <h2 id="stations-heading">Stations at {propertyName}</h2>
        <p className="muted">Where orders are prepared: each station gets the items routed to it.</p>
        <SavedNotice intent="station" text="Station added." />
        <SavedNotice intent="edit-station" text="Station saved." />
        <SavedNotice intent="remove-station" text="Station removed." />
        {editing ? <EditPanel station={editing} base={base} /> : null}
        {removing ? <RemovePanel station={removing} routes={routesTo(removing.id)} base={base} /> : null}
        {stations.length ? (
          <table className="table table-middle">
            <thead>
              <tr>
                <th scope="col">Station</th>
                <th scope="col">Kind</th>
                <th scope="col">Categories</th>
                <th scope="col" className="row-actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stations.map((station) => (
                <tr key={station.id}>
                  <td>{station.name}</td>
                  <td>{STATION_KIND_LABELS[station.kind]}</td>
                  <td>{routesTo(station.id)}</td>
                  <td className="row-actions">
                    <span className="inline-form">
                      <Link
                        to={`${base}&edit=${station.id}`}
                        preventScrollReset
                        className="button button-small"
                        aria-label={`Change ${station.name}`}
                      >
                        Change
                      </Link>
                      <Link
                        to={`${base}&remove=${station.id}`}
                        preventScrollReset
                        className="button button-small button-danger-quiet"
                        aria-label={`Remove ${station.name}`}
                      >
                        Remove
                      </Link>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty-state">
            No stations at {propertyName} yet. Add one, such as Kitchen or Bar, then route categories to it.
          </p>
        )}
        <CheckedForm intent="station" schema={StationSchema} formKey={stations.length} label="Add a station">
          {(errors) => (
            <>
              <h3>Add a station</h3>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-2">
                <StationFields station={{ name: '', kind: 'kitchen' }} errors={errors} />
              </div>
              <FormButton label="Add station" />
            </>
          )}
        </CheckedForm>
      </section>

      <section className="section" aria-labelledby="routing-heading">
        <h2 id="routing-heading">Routing at {propertyName}</h2>
        <p className="muted">
          Which station prepares each category’s items. A subcategory without its own station follows its parent’s.
        </p>
        <SavedNotice intent="routes" text="Routing saved." />
        {!categories.length ? (
          <p className="empty-state">
            No categories yet. <Link to={catalogueHref}>Add categories in the catalogue</Link> first.
          </p>
        ) : !stations.length ? (
          <p className="empty-state">Add a station above first; then choose which categories go to it.</p>
        ) : (
          <CheckedForm intent="routes" schema={RoutesSchema} formKey={routes.map((r) => r.id).join()} label="Routing">
            {(errors) => (
              <>
                <FormError message={errors?.formError ?? Object.values(errors?.fieldErrors ?? {}).flat()[0]} />
                <table className="table table-middle">
                  <thead>
                    <tr>
                      <th scope="col">Category</th>
                      <th scope="col">Prepared at</th>
                    </tr>
                  </thead>
                  <tbody>
                    {categories.map((category) => (
                      <tr key={category.id}>
                        <th scope="row">{category.name}</th>
                        <td>
                          <label className="visually-hidden" htmlFor={`route-${category.id}`}>
                            Station for {category.name}
                          </label>
                          <select
                            id={`route-${category.id}`}
                            name={`route-${category.id}`}
                            className="route-select"
                            defaultValue={stationOf.get(category.id) ?? ''}
                          >
                            <option value="">No station</option>
                            {stations.map((station) => (
                              <option key={station.id} value={station.id}>
                                {station.name}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <FormButton label="Save routing" />
              </>
            )}
          </CheckedForm>
        )}
      </section>
    </>
  );
}
