// One catalogue item (managers and up; staff and viewers get 403): its fields, its photo (stored
// in the org-assets bucket as the signed-in user), the modifier groups it offers and, for each
// property the user works in, whether it is sold there, at what price and with what stock.
// Managers over every property change the item; a manager restricted to some properties sets
// only their properties' rows. Each form posts an intent; the policies and constraints decide.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  type MetaFunction,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { CatalogueNav } from '../../components/catalogue-nav.tsx';
import {
  getItem,
  listCategories,
  photoUrl,
  removeItem,
  removeItemPhoto,
  replaceItemPhoto,
  updateItem,
} from '../../data/catalogue.server.ts';
import { saveAvailability, stopSelling } from '../../data/item-availability.server.ts';
import { attachModifierGroup, detachModifierGroup, listModifierGroups } from '../../data/modifiers.server.ts';
import { listProperties } from '../../data/properties.server.ts';
import catalogueStyles from '../../styles/catalogue.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import { availabilitySchema, itemSchema } from '../o.$org.catalogue._index/catalogue.schema.ts';
import { AVAILABILITY_ERRORS, ITEM_ERRORS, LINK_ERRORS } from '../o.$org.catalogue._index/catalogue-errors.server.ts';
import { IntentError } from '../o.$org.catalogue._index/intent-error.tsx';
import { editsWholeMenu } from '../o.$org.catalogue._index/menu-access.server.ts';
import { describeChoices } from '../o.$org.catalogue.modifiers/choices.ts';
import { AttachGroupSchema, DetachGroupSchema, PHOTO_MAX_BYTES, PhotoSchema } from './item.schema.ts';
import { ItemAvailability } from './item-availability.tsx';
import { ItemFields } from './item-fields.tsx';
import { ItemModifiers } from './item-modifiers.tsx';
import { ItemPhoto } from './item-photo.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.name ?? 'Item'} · Roost` }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: catalogueStyles }];

async function requireItem(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const access = await requireMember(request, context, params.org, 'manager');
  const item = await getItem(context.supabase, access.organization.id, params.id ?? '');
  if (!item) throw data({ message: 'No such item in this organization.' }, { status: 404 });
  return { ...access, item };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, membership, item } = await requireItem(args);
  const supabase = args.context.supabase;
  const [categories, groups, properties] = await Promise.all([
    listCategories(supabase, organization.id),
    listModifierGroups(supabase, organization.id),
    listProperties(supabase, organization.id),
  ]);
  const locale = organization.locale;
  const groupOf = new Map(groups.map((group) => [group.id, group]));
  const offeredIds = new Set(item.links.map((link) => link.group_id));
  return {
    organization: { slug: organization.slug },
    canEdit: editsWholeMenu(membership),
    categories,
    item: {
      id: item.id,
      name: item.name,
      description: item.description,
      category_id: item.category_id,
      price_minor: item.price_minor,
      price: formatMoney(item.price_minor, item.currency, locale),
      currency: item.currency,
      tax_rate_bp: item.tax_rate_bp,
      active: item.active,
      updated_at: item.updated_at,
    },
    photo: item.photo_path ? photoUrl(supabase, item.photo_path) : null,
    offered: [...item.links]
      .sort((a, b) => a.sort_order - b.sort_order)
      .flatMap((link) => {
        const group = groupOf.get(link.group_id);
        if (!group) return [];
        const options = group.options.map(
          (option) =>
            `${option.name}${option.price_delta_minor ? ` (${option.price_delta_minor > 0 ? '+' : ''}${formatMoney(option.price_delta_minor, item.currency, locale)})` : ''}`,
        );
        return [
          {
            linkId: link.id,
            name: group.name,
            rule: describeChoices(group),
            options: options.join(', ') || 'No options yet',
          },
        ];
      }),
    others: groups.filter((group) => !offeredIds.has(group.id)).map(({ id, name }) => ({ id, name })),
    availability: properties.map((property) => {
      const row = item.availability.find((entry) => entry.property_id === property.id) ?? null;
      return {
        property: { id: property.id, name: property.name, currency: property.currency },
        row,
        price: formatMoney(row?.price_override_minor ?? item.price_minor, property.currency, locale),
        currencyMismatch: property.currency !== item.currency,
      };
    }),
  };
}

const failed = (intent: string, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

/** The posted form: multipart (the photo, up to the bucket's limit) or url-encoded. */
async function readForm(request: Request): Promise<FormData | 'too-large'> {
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return request.formData();
  try {
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: PHOTO_MAX_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return 'too-large';
    throw error;
  }
}

export async function action(args: ActionFunctionArgs) {
  const { organization, item } = await requireItem(args);
  const supabase = args.context.supabase;
  const form = await readForm(args.request);
  if (form === 'too-large') return failed('photo', { fieldErrors: { photo: ['Use a photo of at most 5 MB.'] } });
  const intent = String(form.get('intent'));
  const base = `/o/${organization.slug}/catalogue/items/${item.id}`;
  const done = (what: string) => redirect(`${base}?saved=${what}`);

  if (intent.startsWith('availability-')) {
    const properties = await listProperties(supabase, organization.id);
    const property = properties.find((entry) => `availability-${entry.id}` === intent);
    if (!property) throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
    const parsed = parseForm(availabilitySchema(property.currency), form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const { sold, ...fields } = parsed.value;
    const saved = sold
      ? await saveAvailability(supabase, property, item.id, fields)
      : await stopSelling(supabase, property.id, item.id);
    if (saved.error) return failed(intent, databaseFailure(saved.error, AVAILABILITY_ERRORS));
    throw done(intent);
  }
  switch (intent) {
    case 'item': {
      const parsed = parseForm(itemSchema(item.currency), form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await updateItem(supabase, item.id, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, ITEM_ERRORS));
      throw done(intent);
    }
    case 'photo': {
      const parsed = PhotoSchema.safeParse({ photo: form.get('photo') });
      if (!parsed.success) {
        return failed(intent, { fieldErrors: { photo: [parsed.error.issues[0]?.message ?? 'Choose a photo.'] } });
      }
      const saved = await replaceItemPhoto(supabase, { ...item, organization_id: organization.id }, parsed.data.photo);
      if (saved.error) return failed(intent, databaseFailure(saved.error, ITEM_ERRORS));
      throw done(intent);
    }
    case 'remove-photo': {
      const saved = await removeItemPhoto(supabase, item);
      if (saved.error) return failed(intent, databaseFailure(saved.error, ITEM_ERRORS));
      throw done(intent);
    }
    case 'attach': {
      const parsed = parseForm(AttachGroupSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const last = Math.max(0, ...item.links.map((link) => link.sort_order));
      const saved = await attachModifierGroup(supabase, organization.id, {
        item_id: item.id,
        group_id: parsed.value.group_id,
        sort_order: Math.min(last + 10, 1_000_000),
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, LINK_ERRORS));
      throw done(intent);
    }
    case 'detach': {
      const parsed = parseForm(DetachGroupSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await detachModifierGroup(supabase, item.id, parsed.value.link_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, LINK_ERRORS));
      throw done(intent);
    }
    case 'remove-item': {
      const saved = await removeItem(supabase, item.id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, ITEM_ERRORS));
      throw redirect(`/o/${organization.slug}/catalogue?saved=remove-item`);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

function RemoveItem({ name, base }: { name: string; base: string }) {
  const [params] = useSearchParams();
  const busy = useNavigation().state !== 'idle';
  if (!params.has('remove')) {
    return (
      <section className="section" aria-labelledby="remove-heading">
        <h2 id="remove-heading">Remove the item</h2>
        <p className="muted">To stop selling it for a while, untick Active instead; past orders keep their lines.</p>
        <Link to={`${base}?remove`} preventScrollReset className="button button-danger-quiet">
          Remove {name}…
        </Link>
      </section>
    );
  }
  return (
    <section className="confirm-panel confirm-panel-danger" aria-labelledby="remove-title">
      <h2 id="remove-title">Remove {name}?</h2>
      <IntentError intent="remove-item" />
      <p>
        It goes from the menu and from every property, with its prices, stock and modifier links. Past orders keep their
        lines. This cannot be undone.
      </p>
      <Form method="post" className="confirm-actions">
        <input type="hidden" name="intent" value="remove-item" />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove {name}
        </button>
        <Link to={base} preventScrollReset className="button">
          Cancel
        </Link>
      </Form>
    </section>
  );
}

export default function ItemScreen() {
  const { organization, canEdit, categories, item, photo, offered, others, availability } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const catalogue = `/o/${organization.slug}/catalogue`;
  const base = `${catalogue}/items/${item.id}`;
  const category = categories.find((c) => c.id === item.category_id)?.name;
  return (
    <>
      <p className="breadcrumb">
        <Link to={catalogue}>Catalogue</Link>
      </p>
      <h1>{item.name}</h1>
      <p className="muted">
        {category} · {item.price} · {item.active ? 'Active' : 'Hidden'}
      </p>
      <CatalogueNav base={catalogue} />
      {params.has('created') ? (
        <div className="alert alert-success" role="status">
          Item added. Add a photo and its modifier groups, then choose where it is sold.
        </div>
      ) : null}
      {canEdit ? null : (
        <div className="alert" role="note">
          You manage some properties only: the item itself is read-only for you; set where it is sold below.
        </div>
      )}
      <ItemFields item={item} categories={categories} canEdit={canEdit} />
      <ItemPhoto name={item.name} photo={photo} canEdit={canEdit} />
      <ItemModifiers offered={offered} others={others} canEdit={canEdit} modifiersHref={`${catalogue}/modifiers`} />
      <ItemAvailability
        entries={availability}
        itemCurrency={item.currency}
        propertiesHref={`/o/${organization.slug}/properties`}
      />
      {canEdit ? <RemoveItem name={item.name} base={base} /> : null}
    </>
  );
}
