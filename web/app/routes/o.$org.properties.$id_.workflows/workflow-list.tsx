// The property's workflows: when each runs, what it does, with which template; each row edits,
// pauses or resumes, test-sends (to the signed-in user) or removes it (built-in ones only pause).
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { Workflow } from '../../data/workflows.server.ts';
import { ACTION_LABELS, describeWhen, TEMPLATE_LABELS } from './workflow-labels.ts';

export function WorkflowTable({
  workflows,
  href,
}: {
  workflows: Workflow[];
  href: (params: Record<string, string>) => string;
}) {
  return (
    <table className="table workflow-table">
      <caption className="visually-hidden">Workflows</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">When</th>
          <th scope="col">Does</th>
          <th scope="col">Template</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {workflows.map((workflow) => (
          <tr key={workflow.id} className={workflow.active ? undefined : 'row-inactive'}>
            <th scope="row" className="row-heading">
              {workflow.name}
              {workflow.built_in ? <span className="badge">Built-in</span> : null}
              {workflow.active ? null : <span className="badge badge-inactive">Paused</span>}
            </th>
            <td>{describeWhen(workflow.trigger, workflow.offset_hours)}</td>
            <td>
              {ACTION_LABELS[workflow.action]}
              {workflow.recipient_email ? <span className="muted"> ({workflow.recipient_email})</span> : null}
            </td>
            <td>{TEMPLATE_LABELS[workflow.template as keyof typeof TEMPLATE_LABELS] ?? workflow.template}</td>
            <td className="row-actions">
              <Link
                className="button button-small"
                to={href({ workflow: workflow.id })}
                aria-label={`Edit ${workflow.name}`}
              >
                Edit
              </Link>
              <Form method="post" preventScrollReset className="inline-form">
                <input type="hidden" name="intent" value="workflow-active" />
                <input type="hidden" name="workflow_id" value={workflow.id} />
                <input type="hidden" name="active" value={workflow.active ? 'false' : 'true'} />
                <button
                  type="submit"
                  className="button button-small"
                  aria-label={`${workflow.active ? 'Pause' : 'Resume'} ${workflow.name}`}
                >
                  {workflow.active ? 'Pause' : 'Resume'}
                </button>
              </Form>
              <Form method="post" preventScrollReset className="inline-form">
                <input type="hidden" name="intent" value="test-send" />
                <input type="hidden" name="workflow_id" value={workflow.id} />
                <button type="submit" className="button button-small" aria-label={`Test-send ${workflow.name}`}>
                  Test-send
                </button>
              </Form>
              {workflow.built_in ? null : (
                <Link
                  className="button button-small button-danger-quiet"
                  to={href({ remove: workflow.id })}
                  preventScrollReset
                  aria-label={`Remove ${workflow.name}`}
                >
                  Remove
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RemoveWorkflowPanel({ workflow, back }: { workflow: Workflow; back: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const busy = useNavigation().state !== 'idle';
  return (
    <section className="panel panel-danger" aria-labelledby="remove-workflow-title">
      <h3 id="remove-workflow-title" tabIndex={-1} ref={heading}>
        Remove {workflow.name}?
      </h3>
      <p>
        Its scheduled messages are not sent; what it already sent stays in the log. To stop it for a while, pause it
        instead.
      </p>
      <Form method="post" preventScrollReset className="panel-actions">
        <input type="hidden" name="intent" value="remove-workflow" />
        <input type="hidden" name="workflow_id" value={workflow.id} />
        <button type="submit" className="button button-danger" disabled={busy}>
          Remove {workflow.name}
        </button>
        <Link to={back} className="button" preventScrollReset>
          Cancel
        </Link>
      </Form>
    </section>
  );
}
