// The endpoint form's schema: the same answers as the database's URL rules for what a browser
// can check (scheme, credentials, events), with the installation's http switch.
import { describe, expect, it } from 'vitest';
import { parseEndpointForm } from './webhooks.schema.ts';

function form(fields: { url?: string; description?: string; events?: string[] }): FormData {
  const data = new FormData();
  data.set('url', fields.url ?? '');
  data.set('description', fields.description ?? '');
  for (const event of fields.events ?? []) data.append('events', event);
  return data;
}

const errorsOf = (fields: Parameters<typeof form>[0], allowHttp = false) => {
  const parsed = parseEndpointForm(form(fields), { allowHttp });
  return parsed.ok ? {} : parsed.failure.fieldErrors;
};

describe('endpoint form', () => {
  it('accepts an https URL with chosen events and trims the description to null', () => {
    const parsed = parseEndpointForm(
      form({
        url: ' https://hooks.example.com/roost ',
        description: '  ',
        events: ['guest.created', 'booking.created'],
      }),
      { allowHttp: false },
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        url: 'https://hooks.example.com/roost',
        description: null,
        events: ['guest.created', 'booking.created'],
      },
    });
  });

  it('refuses http unless the installation allows it, credentials always', () => {
    expect(errorsOf({ url: 'http://127.0.0.1:8080/h', events: ['guest.created'] }).url).toEqual([
      'Use an https URL: events carry guest data.',
    ]);
    expect(errorsOf({ url: 'http://127.0.0.1:8080/h', events: ['guest.created'] }, true).url).toBeUndefined();
    expect(errorsOf({ url: 'https://user:pw@hooks.example.com/h', events: ['guest.created'] }).url).toEqual([
      'Leave the user name and password out of the URL.',
    ]);
    expect(errorsOf({ url: 'https://token@hooks.example.com/h', events: ['guest.created'] }).url).toEqual([
      'Leave the user name and password out of the URL.',
    ]);
    expect(errorsOf({ url: 'ftp://hooks.example.com/h', events: ['guest.created'] }).url).toHaveLength(1);
    expect(errorsOf({ url: 'hooks.example.com', events: ['guest.created'] }).url).toEqual([
      'Enter a full URL such as https://example.com/webhooks.',
    ]);
    expect(errorsOf({ url: '', events: ['guest.created'] }).url).toEqual(['Enter the URL that receives the events.']);
  });

  it('needs known events, each once', () => {
    expect(errorsOf({ url: 'https://h.example.com', events: [] }).events).toEqual(['Choose at least one event.']);
    expect(errorsOf({ url: 'https://h.example.com', events: ['booking.exploded'] }).events).toEqual([
      'Choose events from the list.',
    ]);
    expect(errorsOf({ url: 'https://h.example.com', events: ['guest.created', 'guest.created'] }).events).toEqual([
      'Choose each event once.',
    ]);
    expect(
      errorsOf({ url: 'https://h.example.com', description: 'x'.repeat(501), events: ['guest.created'] }).description,
    ).toEqual(['Use at most 500 characters.']);
  });
});
