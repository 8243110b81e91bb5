import { DataSource } from 'typeorm';
import { NotificationsService, OutboxSweeper, notificationMessageId } from '@ff/notifications';
import { startSmtpServer, waitFor } from './support/smtp';
import { TestApp, TestUser, bearer, createUser, startTestApp } from './support/test-app';

/** The inbox and the SMTP outbox, delivered through a real SMTP server started here. */
describe('notifications: inbox and SMTP outbox', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ SMTP_URL: smtp.url });
    alice = await createUser(t, 'expert');
    bob = await createUser(t, 'expert');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const send = async (key: string, email: string | null = 'alice@example.com') => {
    const notifications = t.app.get(NotificationsService);
    const ids = await t.app.get(DataSource).transaction((em) =>
      notifications.notify(em, [
        {
          userId: alice.id,
          kind: 'test.hello',
          title: '评审任务提醒',
          body: '请于截止前完成评分。',
          dedupeKey: key,
          email,
        },
      ]),
    );
    await notifications.dispatch(ids);
    return ids;
  };

  it('delivers once per dedupe key, by e-mail and in the inbox', async () => {
    const key = `k-${Date.now()}`;
    expect(await send(key)).toHaveLength(1);
    // The same message again (a job run twice): nothing new.
    expect(await send(key)).toHaveLength(0);
    const mail = await waitFor(() => smtp.mails.find((m) => m.raw.includes(key) || m.to.includes('alice@example.com')));
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.raw).toContain('Subject: =?UTF-8?');
    await waitFor(async () => {
      const [row] = await t.app
        .get(DataSource)
        .query(`SELECT email_status FROM notifications WHERE dedupe_key = $1`, [key]);
      return row.email_status === 'sent';
    });
    expect(smtp.mails.filter((m) => m.to.includes('alice@example.com'))).toHaveLength(1);
    // Its Message-ID is the notification's own: a delivery repeated after a crash is the same message.
    const [{ id: notificationId }] = await t.app
      .get(DataSource)
      .query(`SELECT id FROM notifications WHERE dedupe_key = $1`, [key]);
    expect(mail.raw).toMatch(new RegExp(`^Message-ID:\\s*${notificationMessageId(notificationId)}\r?$`, 'im'));

    const inbox = await t.http().get('/api/v1/notifications').set(bearer(alice)).expect(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ title: '评审任务提醒', read: false, emailStatus: 'sent' });
    const id = inbox.body.items[0].id;

    // Another user's message answers like an unknown one.
    await t.http().post(`/api/v1/notifications/${id}/read`).set(bearer(bob)).expect(404);
    const read = await t.http().post(`/api/v1/notifications/${id}/read`).set(bearer(alice)).expect(200);
    expect(read.body.read).toBe(true);
    const unread = await t.http().get('/api/v1/notifications?unread=true').set(bearer(alice)).expect(200);
    expect(unread.body.total).toBe(0);
    expect((await t.http().get('/api/v1/notifications').set(bearer(bob)).expect(200)).body.total).toBe(0);
  });

  it('keeps a message without an address in the inbox only', async () => {
    const key = `k-inbox-${Date.now()}`;
    expect(await send(key, null)).toHaveLength(0);
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT email_status FROM notifications WHERE dedupe_key = $1`, [key]);
    expect(row.email_status).toBe('none');
    const all = await t.http().post('/api/v1/notifications/read-all').set(bearer(alice)).expect(200);
    expect(all.body.updated).toBe(1);
  });

  it('an e-mail left pending (the queue was down when it committed) is swept and sent once', async () => {
    const key = `outage-${Date.now()}`;
    const notifications = t.app.get(NotificationsService);
    // Committed, but never dispatched: what a queue outage at that moment leaves behind.
    await t.app.get(DataSource).transaction((em) =>
      notifications.notify(em, [
        {
          userId: bob.id,
          kind: 'test.outage',
          title: '评审结果通知',
          body: key,
          dedupeKey: key,
          email: 'bob@example.com',
        },
      ]),
    );
    const sweeper = t.app.get(OutboxSweeper);
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
    await waitFor(async () => {
      const [row] = await t.app
        .get(DataSource)
        .query(`SELECT email_status FROM notifications WHERE dedupe_key = $1`, [key]);
      return row.email_status === 'sent';
    });
    // Swept again: nothing pending is left, and the message is not sent twice.
    await sweeper.sweep();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.filter((m) => m.raw.includes(key))).toHaveLength(1);
  });
});
