// Adds a workflow, or edits the one opened from its row (?workflow=): when it runs, what it does
// and with which template. The fields a choice does not use are ignored (hints say which).
import { Link } from '@remix-run/react';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { WebhookTarget, Workflow } from '../../data/workflows.server.ts';
import { workflowSchema } from './workflow.schema.ts';
import { ACTION_LABELS, ACTIONS, TEMPLATE_LABELS, TEMPLATES, TRIGGER_LABELS, TRIGGERS } from './workflow-labels.ts';

interface Props {
  workflow?: Workflow | undefined;
  /** Workflows so far: a new one empties the add form. */
  count: number;
  webhookTargets: WebhookTarget[];
  back: string;
}

export function WorkflowForm({ workflow, count, webhookTargets, back }: Props) {
  const title = workflow ? `Edit ${workflow.name}` : 'Add a workflow';
  const intent = workflow ? 'edit-workflow' : 'add-workflow';
  return (
    <section className="section" aria-labelledby="workflow-form">
      <h2 id="workflow-form" tabIndex={-1}>
        {title}
      </h2>
      <SavedNotice intent="add-workflow" text="Workflow added." />
      <SavedNotice intent="edit-workflow" text="Workflow saved." />
      <CheckedForm
        intent={intent}
        schema={workflowSchema}
        formKey={workflow ? `${workflow.id}-${workflow.updated_at}` : `new-${count}`}
        label={title}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            {workflow ? <input type="hidden" name="workflow_id" value={workflow.id} /> : null}
            <div className="field-row field-row-2">
              <TextField
                label="Name"
                name="name"
                defaultValue={workflow?.name ?? ''}
                hint="For you and your team, such as Day-before reminder."
                errors={errors?.fieldErrors.name}
              />
              <SelectField
                label="Template"
                name="template"
                defaultValue={workflow?.template ?? 'pre_arrival_reminder'}
                hint="Marketing email goes only to guests who agreed to it, with an unsubscribe link."
                errors={errors?.fieldErrors.template}
              >
                {TEMPLATES.map((template) => (
                  <option key={template} value={template}>
                    {TEMPLATE_LABELS[template]}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="field-row field-row-2">
              <SelectField
                label="When"
                name="trigger"
                defaultValue={workflow?.trigger ?? 'before_arrival'}
                errors={errors?.fieldErrors.trigger}
              >
                {TRIGGERS.map((trigger) => (
                  <option key={trigger} value={trigger}>
                    {TRIGGER_LABELS[trigger]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Hours"
                name="offset_hours"
                inputMode="numeric"
                defaultValue={workflow && workflow.offset_hours > 0 ? String(workflow.offset_hours) : '24'}
                hint="Only for hours before arrival or after departure: 1 to 720, counted from check-in or check-out time in the property’s time zone."
                errors={errors?.fieldErrors.offset_hours}
              />
            </div>
            <div className="field-row field-row-3">
              <SelectField
                label="Action"
                name="action"
                defaultValue={workflow?.action ?? 'email_guest'}
                errors={errors?.fieldErrors.action}
              >
                {ACTIONS.map((action) => (
                  <option key={action} value={action}>
                    {ACTION_LABELS[action]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Email address"
                name="recipient_email"
                type="email"
                defaultValue={workflow?.recipient_email ?? ''}
                hint="Only for Email an address."
                errors={errors?.fieldErrors.recipient_email}
              />
              <SelectField
                label="Webhook endpoint"
                name="webhook_endpoint_id"
                defaultValue={workflow?.webhook_endpoint_id ?? ''}
                hint={
                  webhookTargets.length
                    ? 'Only for Call a webhook endpoint.'
                    : 'No endpoints you can use: an admin adds them on the Webhooks page.'
                }
                errors={errors?.fieldErrors.webhook_endpoint_id}
              >
                <option value="">None</option>
                {webhookTargets.map((target) => (
                  <option key={target.id} value={target.id}>
                    {target.description ? `${target.description} (${target.url})` : target.url}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {workflow ? 'Save workflow' : 'Add workflow'}
              </button>
              {workflow ? (
                <Link className="button" to={back} preventScrollReset>
                  Cancel
                </Link>
              ) : null}
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}
