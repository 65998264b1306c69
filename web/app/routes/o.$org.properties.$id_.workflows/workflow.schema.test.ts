// The workflow form's rules, as the browser and the action check them before the database does.
import { describe, expect, it } from 'vitest';
import { parseForm } from '../../utils/forms.ts';
import { workflowSchema } from './workflow.schema.ts';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  const base = {
    name: 'Day-before reminder',
    trigger: 'before_arrival',
    offset_hours: '24',
    action: 'email_guest',
    recipient_email: '',
    webhook_endpoint_id: '',
    template: 'pre_arrival_reminder',
  };
  for (const [key, value] of Object.entries({ ...base, ...fields })) data.set(key, value);
  return parseForm(workflowSchema, data);
};

describe('workflow form', () => {
  it('keeps the hours of a timed trigger and drops the fields its action does not use', () => {
    const parsed = form({ recipient_email: 'desk@hotel.example', webhook_endpoint_id: 'x' });
    expect(parsed).toEqual({
      ok: true,
      value: {
        name: 'Day-before reminder',
        trigger: 'before_arrival',
        offset_hours: 24,
        action: 'email_guest',
        recipient_email: null,
        webhook_endpoint_id: null,
        template: 'pre_arrival_reminder',
      },
    });
  });

  it('ignores hours for an immediate trigger', () => {
    const parsed = form({ trigger: 'booking_created', offset_hours: 'nonsense' });
    expect(parsed.ok && parsed.value.offset_hours).toBe(0);
  });

  it.each(['0', '721', '1.5', '-3', '', 'ten', '99999'])('refuses %j hours before arrival', (hours) => {
    const parsed = form({ offset_hours: hours });
    expect(parsed.ok ? null : parsed.failure.fieldErrors.offset_hours).toEqual([
      'Enter whole hours from 1 to 720 (30 days).',
    ]);
  });

  it('needs an address to email an address, and an endpoint to call a webhook', () => {
    const address = form({ action: 'email_address', recipient_email: 'not an address' });
    expect(address.ok ? null : Object.keys(address.failure.fieldErrors)).toEqual(['recipient_email']);
    const hook = form({ action: 'webhook' });
    expect(hook.ok ? null : Object.keys(hook.failure.fieldErrors)).toEqual(['webhook_endpoint_id']);
    const ok = form({ action: 'webhook', webhook_endpoint_id: '0b8f6f1e-2c1a-4c55-9a53-3b0a4f2b8d11' });
    expect(ok.ok && ok.value.webhook_endpoint_id).toBe('0b8f6f1e-2c1a-4c55-9a53-3b0a4f2b8d11');
  });

  it('refuses unknown triggers, actions and templates, and a blank or long name', () => {
    for (const [field, value] of [
      ['trigger', 'booking_exploded'],
      ['action', 'sms'],
      ['template', 'nope'],
      ['name', '   '],
      ['name', 'x'.repeat(121)],
    ] as const) {
      const parsed = form({ [field]: value });
      expect(parsed.ok ? null : Object.keys(parsed.failure.fieldErrors), `${field} ${value}`).toContain(field);
    }
  });
});
