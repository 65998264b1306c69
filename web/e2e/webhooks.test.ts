// Outgoing webhooks in the portal, in Chromium against a throwaway stack with the webhook sender
// running beside it (as the worker runs it) and a receiver on loopback that verifies each
// delivery with `standardwebhooks`: an admin adds an endpoint (bad input refused on the fields),
// sees its signing secret once, sends a test event that reaches the receiver signed and shows in
// the delivery log, and replays it; staff get 403 on the page and on a forged post. The
// installation allows loopback targets here, as only local and test installations do.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookSender, type WebhookSender } from '../../gpu-worker/src/webhooks/sender.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('webhooks in the portal', () => {
  let admin: SeededUser;
  let staff: SeededUser;
  const org = { slug: `hooks-${Date.now().toString(36)}`, name: 'Harbour Hotels' };
  let receiver: Server;
  let receiverUrl = '';
  const received: Received[] = [];
  let sender: WebhookSender;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    admin = await createUser(web.stack, 'admin', 'Adam Admin');
    staff = await createUser(web.stack, 'staff', 'Stella Staff');
    await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: admin, role: 'admin' },
      { user: staff, role: 'staff' },
    ]);
    await web.stack.admin`update private.webhook_settings set allow_http = true, allow_private_targets = true`;
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('received');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/roost-events`;
    sender = startWebhookSender({ sql: web.stack.admin, allowPrivateTargets: true, pollIntervalMs: 250 });
  });

  afterAll(async () => {
    await sender?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('lets an admin add an endpoint, see its secret once, send a test event and replay it', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, admin, `/o/${org.slug}`);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByText('No endpoints yet.').waitFor();
    await expectAccessible(page, 'webhooks empty state');

    // Checked in the browser before anything is sent.
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Enter the URL that receives the events.').waitFor();
    await page.getByText('Choose at least one event.').waitFor();
    await page.getByLabel('Endpoint URL').fill(receiverUrl.replace('http://', 'http://user:secret@'));
    await page.getByLabel('Guest profile created').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Leave the user name and password out of the URL.').waitFor();

    await page.getByLabel('Endpoint URL').fill(receiverUrl);
    await page.getByLabel('Description (optional)').fill('Front office integration');
    await page.getByLabel('Booking created (confirmed)').check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Copy the signing secret now').waitFor();
    const secret = await page.getByLabel('Signing secret').inputValue();
    await expect(
      // (No DOM types here: the element's own document names the focused element.)
      page
        .getByLabel('Signing secret')
        .evaluate(
          (input) =>
            input === (input as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
        ),
      'focus moves to the secret, the form being far below',
    ).resolves.toBe(true);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    await page.getByRole('link', { name: receiverUrl }).waitFor();
    await expectAccessible(page, 'webhooks with a new secret');
    await screenshots(page, 'webhooks');

    await page.reload();
    await page.getByRole('link', { name: receiverUrl }).waitFor();
    await expect(page.getByLabel('Signing secret').count(), 'the secret is shown once').resolves.toBe(0);
    expect(await page.content(), 'nowhere on the page').not.toContain(secret);

    await page.getByRole('link', { name: receiverUrl }).click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    await page.getByText('Nothing sent yet.').waitFor();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('Test event queued').waitFor();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    const first = received[0] as Received;
    const verified = new Webhook(secret).verify(first.body, {
      'webhook-id': String(first.headers['webhook-id']),
      'webhook-timestamp': String(first.headers['webhook-timestamp']),
      'webhook-signature': String(first.headers['webhook-signature']),
    });
    expect(verified, 'the receiver verifies the signature').toMatchObject({ type: 'webhook.test' });

    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole('cell', { name: 'Delivered' }).count();
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    await page.getByText('HTTP 200').first().waitFor();
    await expectAccessible(page, 'webhook endpoint with its log');
    await screenshots(page, 'webhook-endpoint');

    await page.getByRole('button', { name: /^Replay webhook\.test/ }).click();
    await page.getByText('Delivery queued again.').waitFor();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
    expect(received[1]?.headers['webhook-id'], 'a replay keeps the event id').toBe(first.headers['webhook-id']);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on the page and on a forged post', async () => {
    const watched = await openPage(web.browser);
    const { page } = watched;
    await signedIn(web.url, watched, staff, `/o/${org.slug}`);
    await expect(
      page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Webhooks' }).count(),
      'no nav entry below admin',
    ).resolves.toBe(0);
    const shown = await page.goto(`${web.url}/o/${org.slug}/webhooks`);
    expect(shown?.status()).toBe(403);
    await expect(page.getByLabel('Endpoint URL').count(), 'no form rendered').resolves.toBe(0);
    const post = await page.request.post(`${web.url}/o/${org.slug}/webhooks`, {
      form: { intent: 'create', url: 'https://attacker.example.com/h', events: 'guest.created' },
      headers: { Origin: web.url },
    });
    expect(post.status(), 'the action refuses too').toBe(403);
    const [count] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from private.webhook_endpoints where url like 'https://attacker%'`;
    expect(count?.n).toBe(0);
    await watched.context.close();
  });
});
