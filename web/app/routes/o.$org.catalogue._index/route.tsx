// The catalogue (managers and up; staff and viewers get 403): its categories in menu order and
// its items grouped under them, a page at a time. Managers over every property (and admins) add,
// rename, reorder and remove categories and add items; a manager restricted to some properties
// reads the menu and opens an item to set its availability where they work. RLS decides.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { CatalogueNav } from '../../components/catalogue-nav.tsx';
import {
  type Category,
  countItemsInCategory,
  createCategory,
  createItem,
  ITEMS_PAGE_SIZE,
  listCategories,
  listItems,
  photoUrl,
  removeCategory,
  renameCategory,
  reorderCategories,
} from '../../data/catalogue.server.ts';
import catalogueStyles from '../../styles/catalogue.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { formatMoney } from '../../utils/money.ts';
import {
  CategoryRefSchema,
  CategorySchema,
  MoveCategorySchema,
  newItemSchema,
  RenameCategorySchema,
} from './catalogue.schema.ts';
import { CATEGORY_ERRORS, ITEM_ERRORS } from './catalogue-errors.server.ts';
import { Categories } from './categories.tsx';
import { Items } from './items.tsx';
import { editsWholeMenu } from './menu-access.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const meta: MetaFunction = () => [{ title: 'Catalogue · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: catalogueStyles }];

const uuidOrNothing = z.uuid().optional().catch(undefined);
const QuerySchema = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  category: uuidOrNothing,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  rename: uuidOrNothing,
  remove: uuidOrNothing,
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org, 'manager');
  const search = new URL(request.url).searchParams;
  const query = QuerySchema.parse(Object.fromEntries([...search].filter(([, value]) => value !== '')));
  const page = (query.page ?? 1) - 1;
  const supabase = context.supabase;
  const [categories, { items, total }, removingItems] = await Promise.all([
    listCategories(supabase, organization.id),
    listItems(supabase, organization.id, { search: query.q, categoryId: query.category }, page),
    query.remove ? countItemsInCategory(supabase, query.remove) : Promise.resolve(0),
  ]);
  const canEdit = editsWholeMenu(membership);
  const find = (id: string | undefined) => (id && canEdit ? categories.find((c) => c.id === id) : undefined);
  const removing = find(query.remove);
  return {
    organization: { slug: organization.slug, name: organization.name, currency: organization.currency },
    canEdit,
    categories,
    renaming: find(query.rename) ?? null,
    removing: removing ? { category: removing, items: removingItems } : null,
    filter: { search: query.q ?? '', categoryId: query.category ?? '' },
    page: page + 1,
    pages: Math.max(1, Math.ceil(total / ITEMS_PAGE_SIZE)),
    total,
    items: items.map((item) => ({
      id: item.id,
      name: item.name,
      category_id: item.category_id,
      price: formatMoney(item.price_minor, item.currency, organization.locale),
      active: item.active,
      photo: item.photo_path ? photoUrl(supabase, item.photo_path) : null,
    })),
  };
}

type Intent = 'category' | 'rename-category' | 'move-category' | 'remove-category' | 'item';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

/** New positions after moving one category a step: every category renumbered 10, 20, …; only changed ones. */
function movedOrder(categories: Category[], id: string, direction: 'up' | 'down') {
  const order = [...categories];
  const from = order.findIndex((category) => category.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return [];
  const [moved] = order.splice(from, 1) as [Category];
  order.splice(to, 0, moved);
  return order
    .map((category, index) => ({ id: category.id, name: category.name, sort_order: (index + 1) * 10 }))
    .filter((move, index) => move.sort_order !== order[index]?.sort_order);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const supabase = context.supabase;
  const form = await request.formData();
  const intent = String(form.get('intent')) as Intent;
  const base = `/o/${organization.slug}/catalogue`;
  const done = (what: Intent) => redirect(`${base}?saved=${what}`);
  switch (intent) {
    case 'category': {
      const parsed = parseForm(CategorySchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const categories = await listCategories(supabase, organization.id);
      const last = Math.max(0, ...categories.map((category) => category.sort_order));
      const saved = await createCategory(supabase, organization.id, {
        name: parsed.value.name,
        sort_order: Math.min(last + 10, 1_000_000),
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, CATEGORY_ERRORS));
      throw done(intent);
    }
    case 'rename-category': {
      const parsed = parseForm(RenameCategorySchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await renameCategory(supabase, parsed.value.category_id, parsed.value.name);
      if (saved.error) return failed(intent, databaseFailure(saved.error, CATEGORY_ERRORS));
      throw done(intent);
    }
    case 'move-category': {
      const parsed = parseForm(MoveCategorySchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const categories = await listCategories(supabase, organization.id);
      const moves = movedOrder(categories, parsed.value.category_id, parsed.value.direction);
      const saved = await reorderCategories(supabase, organization.id, moves);
      if (saved.error) return failed(intent, databaseFailure(saved.error, CATEGORY_ERRORS));
      throw done(intent);
    }
    case 'remove-category': {
      const parsed = parseForm(CategoryRefSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await removeCategory(supabase, parsed.value.category_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, CATEGORY_ERRORS));
      throw done(intent);
    }
    case 'item': {
      const parsed = parseForm(newItemSchema(organization.currency), form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await createItem(supabase, organization.id, organization.currency, {
        ...parsed.value,
        tax_rate_bp: 0,
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, ITEM_ERRORS));
      throw redirect(`${base}/items/${saved.row.id}?created`);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function Catalogue() {
  const { organization, canEdit, categories, renaming, removing, filter, page, pages, total, items } =
    useLoaderData<typeof loader>();
  const base = `/o/${organization.slug}/catalogue`;
  return (
    <>
      <h1>Catalogue</h1>
      <p className="muted">
        The menu of {organization.name}, shared by every property; each property chooses what it sells and may set its
        own prices and stock.
      </p>
      <CatalogueNav base={base} />
      {canEdit ? null : (
        <div className="alert" role="note">
          You manage some properties only, so the menu is read-only for you. Open an item to set whether your properties
          sell it, at what price and with what stock.
        </div>
      )}
      <Categories categories={categories} canEdit={canEdit} base={base} renaming={renaming} removing={removing} />
      <Items
        items={items}
        categories={categories}
        canEdit={canEdit}
        base={base}
        filter={filter}
        page={page}
        pages={pages}
        total={total}
        currency={organization.currency}
      />
    </>
  );
}
