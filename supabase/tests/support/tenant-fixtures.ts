// Rows of the tenant tables added after the tenancy migration, created inside `createTenant`'s
// transaction (as the superuser), in this order. Each area adds one fixture: a function that
// inserts at least one row into each of its tenant tables for the tenant and returns the ids
// that tests may need.
import type { TransactionSql } from 'postgres';
import { createBillingFixture } from './fixtures/billing.ts';
import { createBookingsFixture } from './fixtures/bookings.ts';
import { createCatalogueFixture } from './fixtures/catalogue.ts';
import { createFoliosFixture } from './fixtures/folios.ts';
import { createGuestDataRequestsFixture } from './fixtures/guest-data-requests.ts';
import { createHousekeepingFixture } from './fixtures/housekeeping.ts';
import { createIdentityDocumentsFixture } from './fixtures/identity-documents.ts';
import { createJobsFixture } from './fixtures/jobs.ts';
import { createMaintenanceFixture } from './fixtures/maintenance.ts';
import { createOffboardingFixture } from './fixtures/offboarding.ts';
import { createPredictionsFixture } from './fixtures/predictions.ts';
import { createRatesFixture } from './fixtures/rates.ts';
import { createWidgetsFixture } from './fixtures/widgets.ts';
import type { Tenant } from './tenants.ts';

export interface TenantFixture {
  name: string;
  create: (tx: TransactionSql, tenant: Tenant) => Promise<Record<string, string>>;
}

export const TENANT_FIXTURES: TenantFixture[] = [
  { name: 'bookings', create: createBookingsFixture },
  { name: 'catalogue', create: createCatalogueFixture },
  // After bookings and catalogue: it uses their rows.
  { name: 'folios', create: createFoliosFixture },
  { name: 'jobs', create: createJobsFixture },
  // After bookings: it scores their confirmed stay.
  { name: 'predictions', create: createPredictionsFixture },
  // After bookings: the passport of its checked-in guest.
  { name: 'identityDocuments', create: createIdentityDocumentsFixture },
  // After bookings: its rooms and room type.
  { name: 'housekeeping', create: createHousekeepingFixture },
  // After bookings: bounds and an accepted suggestion for its Double.
  { name: 'rates', create: createRatesFixture },
  // After bookings: a work order, vendor quote and invoice for its room 102.
  { name: 'maintenance', create: createMaintenanceFixture },
  // Retention runs, exports and a cancelled deletion request (decision 038).
  { name: 'offboarding', create: createOffboardingFixture },
  // After bookings: a finished export of its guest (decision 037).
  { name: 'guestDataRequests', create: createGuestDataRequestsFixture },
  { name: 'widgets', create: createWidgetsFixture },
  // A customer, an active Scale subscription and a connected account (decision 036).
  { name: 'billing', create: createBillingFixture },
];
