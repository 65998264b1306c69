// The guard of a property's admin pages (the property itself, its rate plans, its taxes and
// fees): a member with at least `minRole` in the organization who works in the property. RLS
// hides properties the member is not given, which reads as 404 like another tenant's.
import { type AppLoadContext, data, type LoaderFunctionArgs } from '@remix-run/node';
import { getProperty } from '../data/properties.server.ts';
import { requireMember } from './auth.server.ts';
import type { Role } from './roles.ts';

interface GuardArgs {
  request: Request;
  context: AppLoadContext;
  params: LoaderFunctionArgs['params'];
}

export async function requireProperty({ request, context, params }: GuardArgs, minRole: Role = 'manager') {
  const { organization } = await requireMember(request, context, params.org, minRole);
  const property = await getProperty(context.supabase, organization.id, params.id ?? '');
  if (!property) throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
  return { organization, property };
}
