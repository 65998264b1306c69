// How the workflows table's and RPCs' refusals read on the workflow forms, field by field.
import type { ErrorPlacement } from '../../utils/database-errors.ts';

export const WORKFLOW_ERRORS: Record<string, ErrorPlacement> = {
  workflows_name_length: { field: 'name', message: 'Use 1 to 120 characters, without spaces at either end.' },
  workflows_offset_range: { field: 'offset_hours', message: 'Enter whole hours from 1 to 720 for a timed workflow.' },
  workflows_recipient_email: { field: 'recipient_email', message: 'Enter a valid email address.' },
  workflows_webhook_endpoint: { field: 'webhook_endpoint_id', message: 'Choose a webhook endpoint.' },
  workflows_template_known: { field: 'template', message: 'Choose one of the templates.' },
  webhook_endpoint_not_found: {
    field: 'webhook_endpoint_id',
    message: 'That endpoint is not one of this organization.',
  },
  built_in_workflow: { message: 'A built-in workflow can be paused, not removed.' },
  no_email_address: { message: 'Your account has no email address to send the test to.' },
  workflow_not_found: { message: 'No such workflow, or you may no longer change it.' },
  PGRST116: { message: 'No such workflow, or you may no longer change it.' },
};
