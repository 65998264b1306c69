// The portal pages the web bench renders, and the data each one's loaders fetch: the shell
// (`routes/o.$org`) and the page run in parallel, each guarding itself with requireMember (the
// organization by slug with the membership, one request, shared by both loaders of a page
// request: utils/request-memo.server.ts), then reading its own rows. The baseline runs the
// very same data-module functions with supabase-js as the same user, outside Remix.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.ts';
import { projectRoot } from '../../supabase/local/paths.ts';

export type DataClient = SupabaseClient<Database>;

// Loaded by path: web/ is type-checked by its own tsconfig, against its own copies of supabase-js
// and Remix, which this project's type check cannot mix with the root's.
const webModule = (path: string) => import(pathToFileURL(join(projectRoot, 'web', 'app', path)).href);
const dataModule = (name: string) => webModule(`data/${name}`);
type Loose = (...args: unknown[]) => Promise<unknown>;
const { listAuditEntries } = (await dataModule('audit.server.ts')) as { listAuditEntries: Loose };
const { getMembershipBySlug, listMembers, listMyOrganizations } = (await dataModule('memberships.server.ts')) as {
  getMembershipBySlug: (
    client: DataClient,
    slug: string,
    userId: string,
  ) => Promise<{ organization: { id: string } } | null>;
  listMembers: Loose;
  listMyOrganizations: Loose;
};
const { listMemberPage } = (await dataModule('members.server.ts')) as { listMemberPage: Loose };
const { getProperty } = (await dataModule('properties.server.ts')) as {
  getProperty: (client: DataClient, organizationId: string, id: string) => Promise<{ time_zone: string } | null>;
};
const { listResourceTypes } = (await dataModule('resources.server.ts')) as { listResourceTypes: Loose };
const { listRatePlans, listWeekdayPrices, listUpcomingDateOverrides } = (await dataModule('rate-plans.server.ts')) as {
  listRatePlans: Loose;
  listWeekdayPrices: Loose;
  listUpcomingDateOverrides: Loose;
};
const { todayIn } = (await webModule('utils/calendar-dates.ts')) as { todayIn: (timeZone: string) => string };

/** Harbour View Hotel, the demo hotel (supabase/seed.sql). */
const DEMO_HOTEL = 'c0000000-0000-4000-8000-000000000001';
const { listOpenInvitations } = (await dataModule('invitations.server.ts')) as { listOpenInvitations: Loose };
const { listPropertyAccess, listPropertyChoices } = (await dataModule('members.server.ts')) as {
  listPropertyAccess: Loose;
  listPropertyChoices: Loose;
};

// The dashboards' loaders (issue 15): a property's figures and jobs, and the organization's roll-up.
const routeModule = (path: string) => webModule(`routes/${path}`);
const { loadDashboard } = (await routeModule('o.$org_.p.$property.dashboard/dashboard.server.ts')) as {
  loadDashboard: Loose;
};
const { periodFrom } = (await routeModule('o.$org_.p.$property.dashboard/dashboard-period.ts')) as {
  periodFrom: (search: URLSearchParams, today: string) => unknown;
};
const { recentPropertyJobs } = (await dataModule('jobs.server.ts')) as { recentPropertyJobs: Loose };
const { organizationKpis } = (await dataModule('kpis.server.ts')) as { organizationKpis: Loose };
const { addDays } = (await webModule('utils/calendar-dates.ts')) as { addDays: (date: string, days: number) => string };

/** The guard's lookup, once per page request (both loaders wait for the same answer). */
async function member(client: DataClient, slug: string, userId: string) {
  const found = await getMembershipBySlug(client, slug, userId);
  if (!found) throw new Error(`web bench: not a member of ${slug}`);
  return found.organization;
}

async function shell(guarded: Promise<unknown>, client: DataClient, userId: string) {
  await guarded;
  await listMyOrganizations(client, userId);
}

export const PAGES = {
  members: {
    path: '/members',
    route: 'routes/o.$org.members',
    marker: 'Adam Admin',
    async data(client: DataClient, slug: string, userId: string) {
      const guarded = member(client, slug, userId);
      await Promise.all([
        shell(guarded, client, userId),
        // An admin's members page: the members, open invitations, property choices and access.
        guarded.then((organization) =>
          Promise.all([
            listMemberPage(client, organization.id, 1, 50),
            listOpenInvitations(client, organization.id),
            listPropertyChoices(client, organization.id),
            listPropertyAccess(client, organization.id),
          ]),
        ),
      ]);
    },
  },
  rates: {
    path: `/properties/${DEMO_HOTEL}/rates`,
    route: 'routes/o.$org.properties.$id_.rates',
    marker: 'Best available',
    async data(client: DataClient, slug: string, userId: string) {
      const guarded = member(client, slug, userId);
      await Promise.all([
        shell(guarded, client, userId),
        // The property's guard, then its types, plans, weekday prices and a page of date prices.
        guarded.then(async (organization) => {
          const property = await getProperty(client, organization.id, DEMO_HOTEL);
          if (!property) throw new Error('web bench: no demo hotel');
          await Promise.all([
            listResourceTypes(client, DEMO_HOTEL),
            listRatePlans(client, DEMO_HOTEL),
            listWeekdayPrices(client, DEMO_HOTEL),
            listUpcomingDateOverrides(client, DEMO_HOTEL, todayIn(property.time_zone), 0),
          ]);
        }),
      ]);
    },
  },
  settings: {
    path: '/settings',
    route: 'routes/o.$org.settings',
    marker: 'Save settings',
    async data(client: DataClient, slug: string, userId: string) {
      await shell(member(client, slug, userId), client, userId);
    },
  },
  dashboard: {
    path: `/p/${DEMO_HOTEL}/dashboard`,
    shell: 'routes/o.$org_.p.$property',
    route: 'routes/o.$org_.p.$property.dashboard',
    marker: 'How these figures are counted',
    async data(client: DataClient, slug: string, userId: string) {
      // The staff frame's guard and the page's, one lookup of each for both loaders: organization
      // with membership, then the property; then the figures and the jobs in parallel.
      const organization = await member(client, slug, userId);
      const property = await getProperty(client, organization.id, DEMO_HOTEL);
      if (!property) throw new Error('web bench: no demo hotel');
      const today = todayIn(property.time_zone);
      await Promise.all([
        loadDashboard(client, DEMO_HOTEL, today, periodFrom(new URLSearchParams(), today)),
        recentPropertyJobs(client, DEMO_HOTEL),
      ]);
    },
  },
  rollup: {
    path: '/dashboard',
    route: 'routes/o.$org.dashboard',
    marker: 'Occupancy by property',
    async data(client: DataClient, slug: string, userId: string) {
      const guarded = member(client, slug, userId);
      await Promise.all([
        shell(guarded, client, userId),
        guarded.then((organization) => {
          const today = todayIn('Europe/Lisbon');
          return organizationKpis(client, organization.id, today, addDays(today, 29));
        }),
      ]);
    },
  },
  audit: {
    path: '/audit',
    route: 'routes/o.$org.audit',
    marker: 'Older →',
    async data(client: DataClient, slug: string, userId: string) {
      const guarded = member(client, slug, userId);
      await Promise.all([
        shell(guarded, client, userId),
        guarded.then((organization) =>
          Promise.all([listAuditEntries(client, organization.id, {}, 0), listMembers(client, organization.id)]),
        ),
      ]);
    },
  },
} as const;

export type PageName = keyof typeof PAGES;
