'use strict';
// Every call of the binding against a real engine: a complaint's whole way, the order and host
// adapters, files, mails, documents, reports, the web endpoint, staff, privacy.
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  reclaim, T0, ORDER, COMPLAINT, AGENT, SUPERVISOR, openEngine, fixture, rejectsWith,
} = require('./fixtures');

test('open reports the database; close resolves once', async () => {
  const engine = await reclaim.Engine.open({ database: 'sqlite::memory:', clock: 'manual' });
  assert.equal(engine.info.database, 'sqlite');
  assert.equal(engine.info.abi, reclaim.ABI_VERSION);
  assert.deepEqual(engine.info.shops, ['default']);
  assert.equal(engine.closed, false);
  await engine.close();
  assert.equal(engine.closed, true);
});

test('a complaint from import to close, with events and the clock', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());

  const order = await engine.getOrder('1001');
  assert.equal(order.lines[0].name, 'Czajnik');
  assert.equal((await engine.importOrder('reclaim', JSON.stringify(ORDER))).created, false);

  const eligibility = await engine.checkEligibility({
    order_id: '1001', kind: 'return', items: [{ line: '1', qty: 1, reason: 'changed_mind' }],
  });
  assert.equal(eligibility.eligible, true);

  const opened = await engine.openCase(COMPLAINT);
  assert.equal(opened.state, 'received');
  assert.equal(opened.created_at, '2026-11-10T09:00:00Z');
  assert.match(opened.number, /^RC-2026-\d{6}$/);

  const reviewed = await engine.act(opened.number, {
    action: 'review', actor: AGENT, expected_version: opened.version,
  });
  assert.equal(reviewed.state, 'in_review');
  const accepted = await engine.act(opened.id, {
    action: 'accept', actor: SUPERVISOR, resolution: { type: 'refund' },
  });
  assert.equal(accepted.state, 'accepted');
  const resolved = await engine.act(opened.id, {
    action: 'fulfil', actor: { role: 'host' }, reference: 'refund-1',
  });
  assert.equal(resolved.state, 'resolved');

  const read = await engine.getCase(opened.id);
  assert.equal(read.version, resolved.version);
  assert.ok(read.history.length >= 4);

  const list = await engine.listCases({ state: 'resolved' });
  assert.deepEqual(list.cases.map((c) => c.id), [opened.id]);
  assert.equal((await engine.listCases()).cases.length, 1);

  const first = await engine.readEvents({ after: 0, limit: 1 });
  assert.deepEqual(first.events.map((e) => e.type), ['case.opened']);
  const rest = await engine.readEvents({ after: first.next });
  assert.ok(rest.events.every((e) => e.case_id === opened.id));
  assert.deepEqual((await engine.readEvents({ after: rest.next })).events, []);

  engine.setClock(new Date(T0 + 60 * 86400e3));
  const tick = await engine.tick();
  assert.equal(tick.at, '2027-01-09T09:00:00Z');
  engine.setClock(BigInt(T0));
  assert.equal((await engine.tick()).at, '2026-11-10T09:00:00Z');
});

test('policies: set, get, and a policy stricter than the law refused with its rule', async (t) => {
  const engine = await openEngine({ shops: [{ id: 'default', jurisdiction: 'PL' }] });
  t.after(() => engine.close());
  const set = await engine.setPolicy({ return_window_days: 30 });
  assert.equal(set.policy.return_window_days, 30);
  const got = await engine.getPolicy(null);
  assert.equal(got.shop, 'default');
  assert.equal(got.policy.return_window_days, 30);
  await rejectsWith(assert, engine.setPolicy({ return_window_days: 3 }, 'default'), {
    status: reclaim.Status.NOT_ALLOWED, code: 'not_allowed',
    rule: 'return_window_shorter_than_law', field: 'return_window_days',
  });
  await rejectsWith(assert, engine.getPolicy('nowhere'), { code: 'not_found' });
});

test('a host order, its case accepted with a refund, and the refund request for the host', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const imported = await engine.importOrder('woocommerce', fixture('sdk/php/examples/woocommerce-order-727.json'));
  assert.equal(imported.adapter, 'woocommerce');
  const opened = await engine.openCase({
    kind: 'complaint', actor: AGENT, order_id: '727',
    items: [{ line: '315', qty: 2, reason: 'defect' }],
  });
  await engine.act(opened.id, { action: 'accept', actor: SUPERVISOR, resolution: { type: 'refund' } });
  const payload = await engine.hostPayload(opened.id, 'woocommerce');
  assert.equal(payload.requests[0].path, '/wp-json/wc/v3/orders/727/refunds');
  await rejectsWith(assert, engine.hostPayload(opened.id, 'magento2'), {
    code: 'invalid_argument', field: 'adapter',
  });
});

test('the web endpoint: handled in-process, served on a socket, stopped', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const health = await engine.handleHttp({ method: 'GET', path: '/healthz' });
  assert.equal(health.status, 200);
  const started = await engine.startHttp({ listen: '127.0.0.1:0' });
  assert.match(started.listen, /^127\.0\.0\.1:\d+$/);
  const response = await fetch(`http://${started.listen}/healthz`);
  assert.equal(response.status, 200);
  await rejectsWith(assert, engine.startHttp({ listen: '127.0.0.1:0' }), { code: 'conflict' });
  assert.equal(await engine.stopHttp(), undefined);
  await rejectsWith(assert, engine.stopHttp(), { code: 'not_found', document: null });
});

test('files: uploaded through the API, read back with getAttachment', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const opened = await engine.openCase(COMPLAINT);
  const pdf = '%PDF-1.4\n% a receipt\n%%EOF\n';
  const upload = await engine.handleHttp({
    method: 'POST', path: `/api/v1/cases/${opened.status_token}/attachments`,
    headers: { 'Content-Type': 'application/pdf' }, body: pdf,
  });
  assert.equal(upload.status, 201, upload.body);
  const file = JSON.parse(upload.body).id;
  const attachment = await engine.getAttachment(opened.id, file);
  assert.equal(attachment.content_type, 'application/pdf');
  assert.equal(Buffer.from(attachment.data_base64, 'base64').toString(), pdf);
  await rejectsWith(assert, engine.getAttachment(opened.id, 'a_00000000000000000000'), {
    code: 'not_found', field: 'attachment_id',
  });
});

test('mails: read, acknowledged, previewed, and a customer e-mail taken in', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const opened = await engine.openCase(COMPLAINT);
  const mails = await engine.readMessages({ status: 'pending' });
  const mine = mails.messages.filter((m) => m.case_id === opened.id);
  assert.ok(mine.length >= 1);
  assert.equal(mine[0].to, 'jan@example.pl');
  const acked = await engine.ackMessages({ ids: mine.map((m) => m.id), result: 'sent' });
  assert.equal(acked.changed, mine.length);
  const preview = await engine.previewMessage({ template: 'case.acknowledged', case: opened.number, locale: 'en' });
  assert.equal(preview.locale, 'en');
  assert.ok(preview.subject.includes(opened.number), preview.subject);

  const raw = [
    'From: Jan Kowalski <jan@example.pl>', 'To: returns@shop.example',
    `Subject: Re: ${opened.number}`, 'Message-ID: <m1@example.pl>',
    'Date: Tue, 10 Nov 2026 10:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '',
    'The kettle still leaks.', '',
  ].join('\r\n');
  const inbound = await engine.messageInbound({ raw });
  assert.equal(inbound.result, 'message');
  assert.equal(inbound.case_id, opened.id);
  assert.equal((await engine.messageInbound({ raw })).duplicate, true);
});

test('documents and reports', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const opened = await engine.openCase(COMPLAINT);
  const receipt = await engine.document(opened.id, { type: 'complaint_receipt', locale: 'en' });
  assert.equal(receipt.content_type, 'application/pdf');
  assert.equal(Buffer.from(receipt.data_base64, 'base64').subarray(0, 5).toString(), '%PDF-');
  await rejectsWith(assert, engine.document(opened.id, { type: 'decision_letter' }), {
    code: 'not_allowed', rule: 'not_decided',
  });
  const report = await engine.report({ from: '2026-11-01', to: '2026-11-30' });
  assert.equal(report.groups[0].opened, 1);
  const csv = await engine.report({ from: '2026-11-01', to: '2026-11-30', format: 'csv' });
  assert.equal(csv.format, 'csv');
});

test('staff: a sign-in link, password accounts and canned replies', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const link = await engine.staffLink({ staff: { id: 'anna', role: 'agent', shops: ['default'] } });
  assert.match(link.path, /^\/staff\/enter\?t=/);
  const added = await engine.staffAccount({
    op: 'add', staff: { id: 'eva', role: 'supervisor', shops: ['default'] },
    password: 'a long enough password',
  });
  assert.equal(added.account.id, 'eva');
  assert.deepEqual((await engine.staffAccount({ op: 'list' })).accounts.map((a) => a.id), ['eva']);
  await rejectsWith(assert, engine.staffAccount({ op: 'remove', id: 'nobody' }), {
    code: 'not_found', field: 'id',
  });
  const saved = await engine.cannedReplies({
    op: 'save', shop: 'default',
    reply: { locale: 'en', title: 'Thanks', body: 'We have case {{case_number}}.' },
  });
  const opened = await engine.openCase(COMPLAINT);
  const rendered = await engine.cannedReplies({ op: 'render', case: opened.number, id: saved.reply.id });
  assert.equal(rendered.text, `We have case ${opened.number}.`);
});

test('privacy: a subject\'s export, and an erasure that keeps the open case', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const opened = await engine.openCase(COMPLAINT);
  const exported = await engine.subjectExport({ shop: 'default', email: 'JAN@example.pl' });
  assert.deepEqual(exported.cases.map((c) => c.id), [opened.id]);
  assert.equal(exported.orders.length, 1);
  const erased = await engine.subjectErase({
    shop: 'default', email: 'jan@example.pl', actor: SUPERVISOR, reason: 'the customer asked',
  });
  assert.deepEqual(erased.kept, [{ case: opened.number, why: 'open' }]);
  await rejectsWith(assert, engine.subjectErase({
    shop: 'default', email: 'jan@example.pl', actor: AGENT, reason: 'x',
  }), { code: 'not_allowed', rule: 'role_not_allowed' });
});
