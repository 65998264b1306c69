// A property's workflows in Chromium against a throwaway stack, with the worker's workflow sender
// running beside it: a manager sees the three built-in confirmations, adds a day-before reminder
// (the schema's refusal first), pauses and resumes it, test-sends the confirmation and finds it
// in the local mailbox and as "Sent" in the log; a built-in workflow cannot be removed even by a
// forged post; staff get 403 on the page and its form posts. Confirming a booking queues the
// branded confirmation into the mailbox. axe finds nothing serious; screenshots at both sizes.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkflowSender, type WorkflowSender } from '../../gpu-worker/src/workflows/index.ts';
import { waitFor } from '../../supabase/local/testing/wait-for.ts';
import { openPage, screenshots } from './support/browser.ts';
import { expectAccessible, expectNoProblems, signedIn, signIn } from './support/session.ts';
import { createOrganization, createUser, type SeededUser, startWebStack } from './support/stack.ts';

const web = startWebStack();

interface MailboxMessage {
  id: string;
  subject: string;
}

async function mailTo(to: string, subject: RegExp): Promise<MailboxMessage> {
  return waitFor(`an email to ${to} about ${subject}`, async () => {
    const list = (await (await fetch(`${web.stack.mailboxUrl}/api/messages?to=${encodeURIComponent(to)}`)).json()) as {
      messages: MailboxMessage[];
    };
    return list.messages.find((m) => subject.test(m.subject));
  });
}

describe('workflows', () => {
  let manager: SeededUser;
  let staff: SeededUser;
  let orgId = '';
  let hotel = '';
  let room = '';
  let guestEmail = '';
  let sender: WorkflowSender;
  const org = { slug: `flows-${Date.now().toString(36)}`, name: 'Lighthouse Stays' };
  const page = () => `/o/${org.slug}/properties/${hotel}/workflows`;

  beforeAll(async () => {
    const owner = await createUser(web.stack, 'owner', 'Olga Owner');
    manager = await createUser(web.stack, 'manager', 'Mia Manager');
    staff = await createUser(web.stack, 'staff', 'Sam Staff');
    orgId = await createOrganization(web.stack, org, [
      { user: owner, role: 'owner' },
      { user: manager, role: 'manager' },
      { user: staff, role: 'staff' },
    ]);
    const [property] = await web.stack.admin<{ id: string }[]>`
      insert into public.properties (organization_id, name, kind, time_zone, currency)
      values (${orgId}, 'Lighthouse Inn', 'hotel', 'Europe/Lisbon', 'EUR') returning id`;
    hotel = property?.id ?? '';
    const [type] = await web.stack.admin<{ id: string }[]>`
      insert into public.resource_types (organization_id, property_id, kind, name, pricing)
      values (${orgId}, ${hotel}, 'room', 'Double', 'night') returning id`;
    await web.stack.admin`
      insert into public.rate_plans (organization_id, property_id, resource_type_id, name, base_price_minor, included_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, 'Flexible', 12000, 2)`;
    const [resource] = await web.stack.admin<{ id: string }[]>`
      insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
      values (${orgId}, ${hotel}, ${type?.id ?? ''}, '101', 1, 3) returning id`;
    room = resource?.id ?? '';
    guestEmail = `guest-${Date.now().toString(36)}@e2e.roost.test`;
    // The worker's sender, as npm start runs it (inside the GPU worker process).
    sender = await startWorkflowSender({
      sql: web.stack.admin,
      log: pino({ level: 'silent' }),
      siteUrl: web.url,
      pollMs: 500,
    });
  });

  afterAll(async () => {
    await sender?.stop();
  });

  it('lists the built-in confirmations, adds, pauses and test-sends a reminder, and logs the send', async () => {
    const watched = await openPage(web.browser);
    const { page: browser } = watched;
    await signedIn(web.url, watched, manager, page());
    await browser.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
    for (const name of ['Booking confirmation', 'Booking changed', 'Booking cancelled']) {
      await browser.getByRole('rowheader', { name: new RegExp(`^${name}`) }).waitFor();
    }
    await expect(browser.getByRole('link', { name: 'Remove Booking confirmation' }).count()).resolves.toBe(0);
    await browser.getByText('Nothing sent yet.').waitFor();
    await expectAccessible(browser, 'workflows');
    await screenshots(browser, 'workflows');

    // The schema refuses in the browser first.
    const form = browser.getByRole('form', { name: 'Add a workflow' });
    await form.getByLabel('Name').fill('Day-before reminder');
    await form.getByLabel('When').selectOption('before_arrival');
    await form.getByLabel('Hours').fill('0');
    await form.getByRole('button', { name: 'Add workflow' }).click();
    await browser.getByText('Enter whole hours from 1 to 720 (30 days).').waitFor();
    await expect(form.getByLabel('Hours').getAttribute('aria-invalid')).resolves.toBe('true');
    // From the top: the sticky top bar over scrolled rows would read as overlapping targets.
    await browser.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(browser, 'workflow form with an error');
    await form.getByLabel('Hours').fill('24');
    await form.getByLabel('Template').selectOption('pre_arrival_reminder');
    await form.getByRole('button', { name: 'Add workflow' }).click();
    await browser.getByText('Workflow added.').waitFor();
    await browser.reload();
    const reminder = browser.getByRole('row', { name: /Day-before reminder/ });
    await reminder.getByText('24 h before check-in').waitFor();

    await browser.getByRole('button', { name: 'Pause Day-before reminder' }).click();
    await browser.getByRole('button', { name: 'Resume Day-before reminder' }).waitFor();
    await reminder.getByText('Paused').waitFor();
    const [paused] = await web.stack.admin<{ active: boolean }[]>`
      select active from public.workflows where property_id = ${hotel} and name = 'Day-before reminder'`;
    expect(paused?.active).toBe(false);
    await browser.getByRole('button', { name: 'Resume Day-before reminder' }).click();
    await browser.getByRole('button', { name: 'Pause Day-before reminder' }).waitFor();

    // Edit it: 48 hours.
    await browser.getByRole('link', { name: 'Edit Day-before reminder' }).click();
    const edit = browser.getByRole('form', { name: 'Edit Day-before reminder' });
    await edit.getByLabel('Hours').fill('48');
    await edit.getByRole('button', { name: 'Save workflow' }).click();
    await browser.getByText('Workflow saved.').waitFor();
    await browser
      .getByRole('row', { name: /Day-before reminder/ })
      .getByText('48 h before check-in')
      .waitFor();

    // Test-send: to the manager's own address, through the worker and the mailer.
    await browser.getByRole('button', { name: 'Test-send Booking confirmation' }).click();
    await browser.getByText(/Test queued/).waitFor();
    const message = await mailTo(manager.email, /./);
    expect(message.subject.length).toBeGreaterThan(0);
    await browser.reload();
    const logRow = browser.getByRole('table', { name: 'Messages sent by workflows' }).getByRole('row').nth(1);
    await logRow.getByText('Sent').waitFor();
    await logRow.getByText(manager.email).waitFor();
    await browser.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(browser, 'workflows with a log');
    await screenshots(browser, 'workflows-log');

    // A built-in workflow is not removed, even by a forged post.
    const [builtIn] = await web.stack.admin<{ id: string }[]>`
      select id from public.workflows where property_id = ${hotel} and built_in limit 1`;
    const forged = await browser.request.post(`${web.url}${page()}`, {
      form: { intent: 'remove-workflow', workflow_id: builtIn?.id ?? '' },
      headers: { Origin: web.url },
    });
    expect(forged.status()).toBe(400);
    const [still] = await web.stack.admin<{ n: number }[]>`
      select count(*)::int as n from public.workflows where id = ${builtIn?.id ?? ''}`;
    expect(still?.n).toBe(1);
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('sends the confirmation of a new booking to the guest', async () => {
    const [guest] = await web.stack.admin<{ id: string }[]>`
      insert into public.guests (organization_id, full_name, email) values (${orgId}, 'Gil Guest', ${guestEmail})
      returning id`;
    await web.stack.admin.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: manager.id, role: 'authenticated' })}, true)`;
      await tx`set local role authenticated`;
      await tx`
        select public.create_booking(p_resource_id => ${room}, p_guest_id => ${guest?.id ?? ''},
          p_arrival => (now() at time zone 'Europe/Lisbon')::date + 20, p_departure => (now() at time zone 'Europe/Lisbon')::date + 22,
          p_party_size => 2, p_confirm => true)`;
    });
    const message = await mailTo(guestEmail, /./);
    expect(message.subject).toMatch(/confirm/i);
  });

  it('lets a guest unsubscribe from marketing from the emailed link, without signing in', async () => {
    const [guest] = await web.stack.admin<{ id: string; token: string }[]>`
      with g as (
        insert into public.guests (organization_id, full_name, email, marketing_consent, marketing_consent_at)
        values (${orgId}, 'Mia Marketing', ${`mia-${Date.now().toString(36)}@e2e.roost.test`}, true, now())
        returning id
      )
      select g.id, private.unsubscribe_token(g.id) as token from g`;
    const watched = await openPage(web.browser);
    const { page: browser } = watched;
    await browser.goto(`${web.url}/unsubscribe/${guest?.token ?? ''}`);
    await browser.getByRole('heading', { name: 'Marketing emails' }).waitFor();
    // Opening the link changes nothing (mail scanners open links); the button does.
    const [before] = await web.stack.admin<{ consent: boolean }[]>`
      select marketing_consent as consent from public.guests where id = ${guest?.id ?? ''}`;
    expect(before?.consent).toBe(true);
    await expectAccessible(browser, 'unsubscribe');
    await screenshots(browser, 'unsubscribe');
    await browser.getByRole('button', { name: 'Unsubscribe' }).click();
    await browser
      .getByText(`You will no longer receive marketing emails from ${org.name}.`, { exact: false })
      .waitFor();
    const [after] = await web.stack.admin<{ consent: boolean }[]>`
      select marketing_consent as consent from public.guests where id = ${guest?.id ?? ''}`;
    expect(after?.consent).toBe(false);
    // A forged link says so, and changes nothing.
    await browser.goto(`${web.url}/unsubscribe/${guest?.id ?? ''}.${'0'.repeat(32)}`);
    await browser.getByRole('button', { name: 'Unsubscribe' }).click();
    await browser.getByText('This unsubscribe link is not valid.', { exact: false }).waitFor();
    expectNoProblems(watched);
    await watched.context.close();
  });

  it('answers 403 to staff on the page and its form posts', async () => {
    const watched = await openPage(web.browser);
    const { page: browser } = watched;
    await signIn(web.url, watched, staff, `/o/${org.slug}`);
    await browser.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    const response = await browser.goto(`${web.url}${page()}`);
    expect(response?.status()).toBe(403);
    await browser.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await expectAccessible(browser, '403 on workflows');
    const [builtIn] = await web.stack.admin<{ id: string }[]>`
      select id from public.workflows where property_id = ${hotel} and built_in limit 1`;
    const forms: Record<string, string>[] = [
      { intent: 'workflow-active', workflow_id: builtIn?.id ?? '', active: 'false' },
      { intent: 'test-send', workflow_id: builtIn?.id ?? '' },
    ];
    for (const form of forms) {
      const post = await browser.request.post(`${web.url}${page()}`, { form, headers: { Origin: web.url } });
      expect(post.status(), form.intent).toBe(403);
    }
    const [row] = await web.stack.admin<
      { active: boolean }[]
    >`select active from public.workflows where id = ${builtIn?.id ?? ''}`;
    expect(row?.active).toBe(true);
    await watched.context.close();
  });
});
