// The guard of the staff screens (/o/:org/p/:property/…): staff and up of the organization who
// work in the property. RLS hides properties the member is not given, which reads as 404 like
// another tenant's, so a restricted member cannot open another property's screens.
import { type AppLoadContext, data, type LoaderFunctionArgs } from '@remix-run/node';
import { getProperty } from '../data/properties.server.ts';
import { requireMember } from './auth.server.ts';
import { oncePerRequest } from './request-memo.server.ts';
import type { Role } from './roles.ts';

interface GuardArgs {
  request: Request;
  context: AppLoadContext;
  params: LoaderFunctionArgs['params'];
}

export async function requireStaffProperty({ request, context, params }: GuardArgs, minRole: Role = 'staff') {
  const access = await requireMember(request, context, params.org, minRole);
  const organizationId = access.organization.id;
  const propertyId = params.property ?? '';
  // The layout and the screen both guard themselves: one lookup serves both.
  const property = await oncePerRequest(request, context, `property:${organizationId}:${propertyId}`, () =>
    getProperty(context.supabase, organizationId, propertyId),
  );
  if (!property) throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
  return { ...access, property };
}
