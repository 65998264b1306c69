// How the database's refusals read on the webhook screens (codes of decision 030's RPCs).
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const WEBHOOK_ERRORS: Record<string, ErrorPlacement> = {
  invalid_webhook_url: { field: 'url', message: 'Enter a full https URL of at most 2048 characters.' },
  webhook_url_not_https: { field: 'url', message: 'Use an https URL: events carry guest data.' },
  webhook_url_has_credentials: { field: 'url', message: 'Leave the user name and password out of the URL.' },
  webhook_url_private_address: {
    field: 'url',
    message: 'This URL points at a private or local address, which Roost does not send to.',
  },
  invalid_webhook_description: { field: 'description', message: 'Use 1 to 500 characters.' },
  invalid_webhook_events: { field: 'events', message: 'Choose at least one event from the list.' },
  webhook_endpoint_limit: { message: 'An organization has at most 20 endpoints. Delete one you no longer use.' },
  webhook_endpoint_not_found: { message: 'This endpoint no longer exists.' },
  webhook_endpoint_disabled: { message: 'Enable the endpoint before sending it a test event.' },
  webhook_delivery_not_found: { message: 'This delivery no longer exists.' },
  webhook_delivery_pending: { message: 'This delivery is still being tried; replay it once it has finished.' },
};
