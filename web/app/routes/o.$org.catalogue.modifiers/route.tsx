// Modifier groups (managers and up; staff and viewers get 403): each group with how many options
// to pick and its options with their price change. Managers over every property (and admins)
// add, change and remove them; items offer them from the item page. RLS decides.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { CatalogueNav } from '../../components/catalogue-nav.tsx';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import {
  addModifierOption,
  createModifierGroup,
  listModifierGroups,
  removeModifierGroup,
  removeModifierOption,
  updateModifierGroup,
} from '../../data/modifiers.server.ts';
import catalogueStyles from '../../styles/catalogue.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { IntentError } from '../o.$org.catalogue._index/intent-error.tsx';
import { editsWholeMenu } from '../o.$org.catalogue._index/menu-access.server.ts';
import { describeChoices } from './choices.ts';
import { GroupCard, type GroupView } from './group-card.tsx';
import { GroupFields } from './group-fields.tsx';
import { GroupRefSchema, GroupSchema, OptionRefSchema, optionSchema } from './modifiers.schema.ts';
import { GROUP_ERRORS, OPTION_ERRORS } from './modifiers-errors.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'Modifier groups · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: catalogueStyles }];

const QuerySchema = z.object({ remove: z.uuid().optional().catch(undefined) });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org, 'manager');
  const query = QuerySchema.parse({ remove: new URL(request.url).searchParams.get('remove') ?? undefined });
  const groups = await listModifierGroups(context.supabase, organization.id);
  const canEdit = editsWholeMenu(membership);
  const money = (minor: number) => formatMoney(minor, organization.currency, organization.locale);
  const views: GroupView[] = groups.map((group) => ({
    id: group.id,
    name: group.name,
    required: group.required,
    min_choices: group.min_choices,
    max_choices: group.max_choices,
    updated_at: group.updated_at,
    rule: describeChoices(group),
    options: group.options.map((option) => ({
      id: option.id,
      name: option.name,
      delta:
        option.price_delta_minor > 0
          ? `+${money(option.price_delta_minor)}`
          : option.price_delta_minor < 0
            ? money(option.price_delta_minor)
            : 'No change',
    })),
  }));
  return {
    organization: { slug: organization.slug, currency: organization.currency },
    canEdit,
    groups: views,
    removing: canEdit ? (views.find((group) => group.id === query.remove) ?? null) : null,
  };
}

const failed = (intent: string, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const supabase = context.supabase;
  const form = await request.formData();
  const intent = String(form.get('intent'));
  const base = `/o/${organization.slug}/catalogue/modifiers`;
  const done = (what: string) => redirect(`${base}?saved=${what}`);
  // Per-group forms name their group in the intent, so each shows only its own answer.
  const [, kind = '', groupId = ''] = /^(group|option|remove-option)-([0-9a-f-]{36})$/.exec(intent) ?? [];
  if (intent === 'group') {
    const parsed = parseForm(GroupSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const saved = await createModifierGroup(supabase, organization.id, parsed.value);
    if (saved.error) return failed(intent, databaseFailure(saved.error, GROUP_ERRORS));
    throw done(intent);
  }
  if (intent === 'remove-group') {
    const parsed = parseForm(GroupRefSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const saved = await removeModifierGroup(supabase, parsed.value.group_id);
    if (saved.error) return failed(intent, databaseFailure(saved.error, GROUP_ERRORS));
    throw done(intent);
  }
  if (kind === 'group') {
    const parsed = parseForm(GroupSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const saved = await updateModifierGroup(supabase, groupId, parsed.value);
    if (saved.error) return failed(intent, databaseFailure(saved.error, GROUP_ERRORS));
    throw done(intent);
  }
  if (kind === 'option') {
    const parsed = parseForm(optionSchema(organization.currency), form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const groups = await listModifierGroups(supabase, organization.id);
    const options = groups.find((group) => group.id === groupId)?.options ?? [];
    const last = Math.max(0, ...options.map((option) => option.sort_order));
    const saved = await addModifierOption(supabase, organization.id, {
      group_id: groupId,
      ...parsed.value,
      sort_order: Math.min(last + 10, 1_000_000),
    });
    if (saved.error) return failed(intent, databaseFailure(saved.error, OPTION_ERRORS));
    throw done(intent);
  }
  if (kind === 'remove-option') {
    const parsed = parseForm(OptionRefSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const saved = await removeModifierOption(supabase, parsed.value.option_id);
    if (saved.error) return failed(intent, databaseFailure(saved.error, OPTION_ERRORS));
    throw done(intent);
  }
  throw data({ message: 'Unknown form.' }, { status: 400 });
}

function RemoveGroup({ group, base }: { group: GroupView; base: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="confirm-panel confirm-panel-danger" aria-labelledby="remove-title">
      <h2 id="remove-title" tabIndex={-1} ref={heading}>
        Remove {group.name}?
      </h2>
      <IntentError intent="remove-group" />
      <p>
        Its {group.options.length === 1 ? 'option goes' : `${group.options.length} options go`} with it, and every item
        stops offering it. Past orders keep the choices made. This cannot be undone.
      </p>
      <Form method="post" className="confirm-actions">
        <input type="hidden" name="intent" value="remove-group" />
        <input type="hidden" name="group_id" value={group.id} />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove {group.name}
        </button>
        <Link to={base} className="button">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

export default function Modifiers() {
  const { organization, canEdit, groups, removing } = useLoaderData<typeof loader>();
  const catalogue = `/o/${organization.slug}/catalogue`;
  const base = `${catalogue}/modifiers`;
  return (
    <>
      <h1>Modifier groups</h1>
      <p className="muted">
        Choices offered with items, such as cooking or sides, each with how many options to pick. Open an item in the{' '}
        <Link to={catalogue}>catalogue</Link> to offer a group with it.
      </p>
      <CatalogueNav base={catalogue} />
      {canEdit ? null : (
        <div className="alert" role="note">
          You manage some properties only, so modifier groups are read-only for you.
        </div>
      )}
      <SavedNotice intent="group" text="Modifier group added. Add its options below." />
      <SavedNotice intent="remove-group" text="Modifier group removed." />
      {removing ? <RemoveGroup group={removing} base={base} /> : null}
      {groups.length ? (
        groups.map((group) => (
          <GroupCard key={group.id} group={group} canEdit={canEdit} currency={organization.currency} base={base} />
        ))
      ) : (
        <p className="empty-state">
          No modifier groups yet.{' '}
          {canEdit ? 'Add one below, such as Cooking (pick 1, required), then its options.' : ''}
        </p>
      )}
      {canEdit ? (
        <section className="section" aria-labelledby="add-group-heading">
          <h2 id="add-group-heading">Add a modifier group</h2>
          <CheckedForm intent="group" schema={GroupSchema} formKey={groups.length} label="Add a modifier group">
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <GroupFields group={{ name: '', required: false, min_choices: 0, max_choices: 1 }} errors={errors} />
                <FormButton label="Add group" />
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </>
  );
}
