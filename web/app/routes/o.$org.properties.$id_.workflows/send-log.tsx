// What the property's workflows sent, will send, skipped (and why) or cancelled, newest first,
// with times in the property's time zone.
import type { WorkflowSend } from '../../data/workflows.server.ts';
import { REASON_LABELS, STATUS_LABELS, TEMPLATE_LABELS } from './workflow-labels.ts';

export function SendLog({ sends, timeZone }: { sends: WorkflowSend[]; timeZone: string }) {
  const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (
    <table className="table">
      <caption className="visually-hidden">Messages sent by workflows</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Workflow</th>
          <th scope="col">Status</th>
          <th scope="col">To</th>
          <th scope="col">Booking</th>
        </tr>
      </thead>
      <tbody>
        {sends.map((send) => (
          <tr key={send.id}>
            <td>
              <time dateTime={send.sent_at ?? send.due_at}>{format.format(new Date(send.sent_at ?? send.due_at))}</time>
            </td>
            <td>
              {send.workflow_name}
              {send.kind === 'test' ? <span className="badge">Test</span> : null}
              <div className="muted">
                {TEMPLATE_LABELS[send.template as keyof typeof TEMPLATE_LABELS] ?? send.template}
              </div>
            </td>
            <td>
              {STATUS_LABELS[send.status] ?? send.status}
              {send.reason ? <div className="muted">{REASON_LABELS[send.reason] ?? send.reason}</div> : null}
            </td>
            <td>{send.recipient ?? <span className="muted">—</span>}</td>
            <td>{send.booking_reference ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
