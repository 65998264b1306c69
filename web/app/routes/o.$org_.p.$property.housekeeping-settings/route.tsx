// Housekeeping settings (issue 19, item 2), managers and up: per room type, the credits a clean
// weighs (generate_housekeeping_tasks balances the day's tasks by them) and the inspector's
// checklist (the board's inspection form). Written straight to housekeeping_room_types as the
// user: RLS lets managers of the property write, the table's constraints check the values.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useId } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { listRoomTypeSettings, saveRoomTypeSettings } from '../../data/housekeeping.server.ts';
import housekeepingStyles from '../../styles/housekeeping.css?url';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { DEFAULT_CHECKLIST } from '../o.$org_.p.$property.housekeeping/housekeeping.schema.ts';
import { formatCredits } from '../o.$org_.p.$property.housekeeping/task-parts.tsx';
import { RoomTypeSettingsSchema } from './housekeeping-settings.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: housekeepingStyles }];

export const meta: MetaFunction = () => [{ title: 'Housekeeping settings · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const types = await listRoomTypeSettings(args.context.supabase, property.id);
  return { property: { id: property.id, name: property.name }, types };
}

const ERRORS: Record<string, ErrorPlacement> = {
  housekeeping_room_types_credits_range: { field: 'credits', message: 'Use 0.5 to 20 credits.' },
  housekeeping_room_types_checklist_size: {
    field: 'checklist',
    message: 'Use 1 to 30 items, about 4000 characters in all.',
  },
  housekeeping_room_types_type_fkey: { message: 'This room type no longer exists at this property.' },
  '22003': { field: 'credits', message: 'Use 0.5 to 20 credits, with at most one decimal.' },
};

export async function action(args: ActionFunctionArgs) {
  const { property, organization } = await requireStaffProperty(args, 'manager');
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const parsed = parseForm(RoomTypeSettingsSchema, form);
  if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
  const { type_id, credits, checklist } = parsed.value;
  if (intent !== `type:${type_id}`)
    return data({ intent, fieldErrors: {}, formError: 'Unknown action.' }, { status: 400 });
  const saved = await saveRoomTypeSettings(
    args.context.supabase,
    { organizationId: organization.id, propertyId: property.id, typeId: type_id },
    credits,
    checklist,
  );
  if (saved.error) {
    const failure = databaseFailure(saved.error, ERRORS);
    return data({ intent, ...failure }, { status: saved.error.code === '42501' ? 403 : 400 });
  }
  return redirect(`/o/${organization.slug}/p/${property.id}/housekeeping-settings?saved=${encodeURIComponent(intent)}`);
}

export default function HousekeepingSettings() {
  const { property, types } = useLoaderData<typeof loader>();
  return (
    <div className="housekeeping">
      <header className="housekeeping-header">
        <div>
          <h1>Housekeeping settings</h1>
          <p className="muted">{property.name} · credits and inspection checklist per room type</p>
        </div>
      </header>
      <div className="hk-report-actions">
        <Link className="button" to="../housekeeping">
          ← Board
        </Link>
      </div>
      <p className="hk-settings-intro">
        A departure clean weighs the room type’s credits, a stay-over half of them: generating the day’s tasks shares
        rooms out so every attendant gets about as many credits. Changes apply to tasks generated from now on; the
        checklist is what the inspector ticks on a cleaned room.
      </p>
      {types.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No room types at this property yet.</strong> Add room types and rooms in the portal’s property
            settings; they then appear here.
          </p>
        </div>
      ) : (
        <ul className="hk-settings-list">
          {types.map((type) => (
            <li key={type.typeId}>
              <RoomTypeForm type={type} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RoomTypeForm({ type }: { type: ReturnType<typeof useLoaderData<typeof loader>>['types'][number] }) {
  const intent = `type:${type.typeId}`;
  const headingId = useId();
  const checklist = type.checklist ?? DEFAULT_CHECKLIST;
  return (
    <section className="hk-settings-type" aria-labelledby={headingId}>
      <h2 id={headingId}>{type.typeName}</h2>
      <p className="muted">
        {type.rooms} {type.rooms === 1 ? 'room' : 'rooms'} ·{' '}
        {type.credits === null
          ? 'not set yet: 1 credit and the standard checklist'
          : `${formatCredits(type.credits)}, ${checklist.length} checklist ${checklist.length === 1 ? 'item' : 'items'}`}
      </p>
      <SavedNotice intent={intent} text={`${type.typeName}: saved.`} />
      <CheckedForm
        intent={intent}
        schema={RoomTypeSettingsSchema}
        formKey={`${type.credits}:${checklist.join('|')}`}
        label={`Housekeeping settings for ${type.typeName}`}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <input type="hidden" name="type_id" value={type.typeId} />
            <TextField
              label={`Credits for ${type.typeName}`}
              name="credits"
              inputMode="decimal"
              defaultValue={String(type.credits ?? 1)}
              hint="0.5 to 20; a standard room is 1."
              errors={errors?.fieldErrors.credits}
            />
            <ChecklistField
              label={`Inspection checklist for ${type.typeName}`}
              value={checklist}
              errors={errors?.fieldErrors.checklist}
            />
            <FormButton label={`Save ${type.typeName}`} />
          </>
        )}
      </CheckedForm>
    </section>
  );
}

function ChecklistField({ label, value, errors }: { label: string; value: string[]; errors?: string[] | undefined }) {
  const id = useId();
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-errors` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name="checklist"
        rows={Math.min(12, Math.max(4, value.length + 1))}
        defaultValue={value.join('\n')}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      <p className="field-hint" id={`${id}-hint`}>
        One item per line, up to 30.
      </p>
      {errors?.length ? (
        <ul className="field-errors" id={`${id}-errors`}>
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
