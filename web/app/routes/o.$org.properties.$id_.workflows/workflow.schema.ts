// The workflow form, checked in the browser and again in the action; the workflows table's
// constraints repeat each rule (an offset only for the timed triggers, an address only for
// "email an address", an endpoint only for a webhook).
import { z } from 'zod';
import { ACTIONS, SCHEDULED_TRIGGERS, TEMPLATES, TRIGGERS } from './workflow-labels.ts';

export const workflowSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the workflow a name, such as Day-before reminder.')
      .max(120, 'Use at most 120 characters.'),
    trigger: z.enum(TRIGGERS, 'Choose when it runs.'),
    offset_hours: z.string().trim(),
    action: z.enum(ACTIONS, 'Choose what it does.'),
    recipient_email: z.string().trim(),
    webhook_endpoint_id: z.string().trim(),
    template: z.enum(TEMPLATES, 'Choose a template.'),
  })
  .transform((form, context) => {
    const scheduled = SCHEDULED_TRIGGERS.includes(form.trigger);
    let offset_hours = 0;
    if (scheduled) {
      offset_hours = /^\d{1,3}$/.test(form.offset_hours) ? Number(form.offset_hours) : Number.NaN;
      if (!(offset_hours >= 1 && offset_hours <= 720)) {
        context.addIssue({
          code: 'custom',
          path: ['offset_hours'],
          message: 'Enter whole hours from 1 to 720 (30 days).',
        });
      }
    }
    const emailAddress = form.action === 'email_address';
    if (emailAddress && !z.email().safeParse(form.recipient_email).success) {
      context.addIssue({
        code: 'custom',
        path: ['recipient_email'],
        message: 'Enter an email address such as desk@hotel.example.',
      });
    }
    const webhook = form.action === 'webhook';
    if (webhook && !z.uuid().safeParse(form.webhook_endpoint_id).success) {
      context.addIssue({ code: 'custom', path: ['webhook_endpoint_id'], message: 'Choose a webhook endpoint.' });
    }
    return {
      name: form.name,
      trigger: form.trigger,
      offset_hours,
      action: form.action,
      recipient_email: emailAddress ? form.recipient_email : null,
      webhook_endpoint_id: webhook ? form.webhook_endpoint_id : null,
      template: form.template,
    };
  });

export const WorkflowIdSchema = z.object({ workflow_id: z.uuid('Choose a workflow.') });
export const WorkflowActiveSchema = WorkflowIdSchema.extend({
  active: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
