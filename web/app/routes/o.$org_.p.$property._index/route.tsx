// /o/:org/p/:property opens the first screen of the property's kind.
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { staffScreens } from '../o.$org_.p.$property/screens.ts';

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property, membership } = await requireStaffProperty(args);
  const [first] = staffScreens(property.kind, membership.role);
  throw redirect(`/o/${organization.slug}/p/${property.id}/${first?.to ?? 'today'}`);
}
