// The whole journey on a real Medusa v2 server with @reclaim/medusa loaded (tests/medusa/run.sh
// starts both): a customer buys two mugs and gets them; one is broken; she opens a complaint on
// the shop's own site, under /reclaim; a Medusa admin opens Reclaim's desk from Medusa,
// authorizes the return, receives the mug back into stock and accepts a refund; the plugin
// then makes the return and the refund in Medusa through Medusa's own workflows and resolves
// the case with Medusa's references, which Medusa's admin API then shows.
//
// Environment: SHOP_URL, ADMIN_EMAIL, ADMIN_PASSWORD, WORK_DIR (the captured order lands there).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { medusaClient, waitForHealth, eventually, HttpError } from './medusa-client.mjs';
import { setUpShop, placeDeliveredOrder, readOrder } from './medusa-shop.mjs';

const base = process.env.SHOP_URL;
const medusa = medusaClient(base);
const step = (text) => console.log(`-- ${text}`);

// Reclaim's pages and APIs through the Medusa server, as a browser would call them.
async function reclaim(method, route, { json, cookie, csrf, redirect = 'follow' } = {}) {
  const headers = {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(`${base}/reclaim${route}`, {
    method, headers, redirect, body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') || '';
  return { status: response.status, headers: response.headers, text,
           body: type.startsWith('application/json') && text ? JSON.parse(text) : null };
}

const money = (value) => Math.round(Number(value) * 100) / 100;

step('Medusa answers');
await waitForHealth(base, 180);

step('the shop is set up through Medusa\'s admin API');
const shop = await setUpShop(medusa, process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);
const email = `jan.kowalski.${Date.now()}@example.com`;

step('a customer buys two mugs; the admin captures, ships and delivers');
let order = await placeDeliveredOrder(medusa, shop, email);
const line = order.items[0];
assert.equal(order.payment_status, 'captured');
assert.equal(order.fulfillment_status, 'delivered');
fs.writeFileSync(path.join(process.env.WORK_DIR, 'medusa-admin-order.json'), JSON.stringify({ order }, null, 2));

step('the plugin imported the order on Medusa\'s events: the customer sees her lines');
const verified = await eventually('the delivered order in Reclaim', 30, async () => {
  const answer = await reclaim('POST', '/api/v1/orders/verify', { json: { order: order.id, email } });
  return answer.status === 200 ? answer.body : undefined;
});
assert.equal(verified.order.lines.length, 1);
assert.equal(verified.order.lines[0].line, line.id);
assert.equal(verified.order.lines[0].sku, 'KUBEK-RED-001');
assert.equal(verified.order.lines[0].qty, 2);

step('without Medusa\'s publishable key, the customer\'s browser gets Reclaim\'s pages');
const home = await reclaim('GET', '/?lang=pl');
assert.equal(home.status, 200);
assert.match(home.headers.get('content-security-policy') || '', /default-src/);
assert.match(home.text, /href="\/reclaim\/new/, 'links stay under Medusa\'s /reclaim');

step('hostile requests through Medusa get Reclaim\'s clear refusals, and store nothing');
const malformed = await fetch(`${base}/reclaim/api/v1/cases`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order": "1", "email": ',
});
assert.equal(malformed.status, 422, 'malformed JSON');
assert.equal((await malformed.json()).error.code, 'invalid_argument');
const notUtf8 = await fetch(`${base}/reclaim/api/v1/cases`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: Buffer.from([0x7b, 0x22, 0x6f, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
});
assert.equal(notUtf8.status, 422, 'bytes that are not UTF-8');
const wrongOwner = await reclaim('POST', '/api/v1/cases', { json: {
  order: order.id, email: 'someone.else@example.com', items: [{ line: line.id, qty: 1, reason: 'defect' }],
} });
assert.equal(wrongOwner.status, 404, 'another e-mail than the order\'s');
const tooMany = await reclaim('POST', '/api/v1/cases', { json: {
  order: order.id, email, items: [{ line: line.id, qty: 3, reason: 'defect' }],
} });
assert.equal(tooMany.status, 409, `more units than bought: ${tooMany.text}`);
assert.equal(tooMany.body.error.rule, 'quantity_exceeded');
assert.equal(tooMany.body.error.field, 'items[0].qty');
const huge = await fetch(`${base}/reclaim/api/v1/cases`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(17 * 1024 * 1024, 0x20),
});
assert.equal(huge.status, 413, 'a body over the plugin\'s 16 MB');
const noSession = await reclaim('GET', '/staff/api/v1/session');
assert.equal(noSession.status, 401, 'the desk\'s API without a session');

step('she opens a complaint for one mug through the shop\'s route');
const opened = await reclaim('POST', '/api/v1/cases', { json: {
  order: order.id, email, locale: 'pl', preferred_resolution: 'refund',
  items: [{ line: line.id, qty: 1, reason: 'defect' }],
  description: 'Kubek przyszedł pęknięty przy uchu.',
} });
assert.equal(opened.status, 201, opened.text);
const number = opened.body.number;
assert.match(number, /^RC-\d{4}-000001$/, 'the first case: none of the refused requests stored one');
assert.match(opened.body.basis || '', /art\./, 'a Polish complaint names its statutory basis');
const statusPage = await reclaim('GET', opened.body.status_url.replace(/^.*\/reclaim/, ''));
assert.equal(statusPage.status, 200);
assert.ok(statusPage.text.includes(number));

step('a Medusa admin opens the desk from Medusa: a one-time link, then a session');
await assert.rejects(fetch(`${base}/admin/reclaim/desk`).then((r) => {
  if (!r.ok) throw new HttpError('GET', '/admin/reclaim/desk', r.status, '');
}), (error) => error.status === 401, 'the desk link needs a signed-in Medusa admin');
await assert.rejects(medusa.call('GET', '/admin/reclaim/desk?next=//evil.example/'),
                     (error) => error.status === 400 && JSON.parse(error.text).field === 'next');
const { url } = await medusa.call('GET', '/admin/reclaim/desk?lang=pl');
assert.match(url, /^\/reclaim\/staff\/enter\?t=/);
const enter = await fetch(base + url, { redirect: 'manual' });
assert.equal(enter.status, 303);
const cookie = (enter.headers.get('set-cookie') || '').split(';')[0];
assert.match(cookie, /^rc_staff=/);
const again = await fetch(base + url, { redirect: 'manual' });
assert.equal(again.status, 403, 'the link works once');
const session = await reclaim('GET', '/staff/api/v1/session', { cookie });
assert.equal(session.status, 200, session.text);
assert.equal(session.body.staff.role, 'supervisor');
const csrf = session.body.csrf;
const act = async (action) => {
  const answer = await reclaim('POST', `/staff/api/v1/cases/${number}/actions`, { json: action, cookie, csrf });
  assert.equal(answer.status, 200, `${action.action}: ${answer.text}`);
  return answer.body;
};
const queue = await reclaim('GET', '/staff/api/v1/cases?assignee=any', { cookie });
assert.ok(queue.body.cases.some((c) => c.number === number), 'the case is in the queue');

step('staff authorize the return, receive the mug back into stock, accept a refund');
const authorized = await act({ action: 'authorize_return', instructions: 'Prosimy odesłać kubek kurierem.' });
const stale = await reclaim('POST', `/staff/api/v1/cases/${number}/actions`, {
  json: { action: 'comment', message: 'Stara wersja', expected_version: authorized.version - 1 }, cookie, csrf });
assert.equal(stale.status, 409, 'a stale expected_version');
assert.equal(stale.body.error.field, 'expected_version');
const noCsrf = await reclaim('POST', `/staff/api/v1/cases/${number}/actions`, {
  json: { action: 'comment', message: 'Bez tokenu' }, cookie });
assert.equal(noCsrf.status, 403, 'an action without the CSRF token');
await act({ action: 'receive_goods', items: [{ line: line.id, qty: 1, condition: 'damaged', disposition: 'restock' }] });
const accepted = await act({ action: 'accept', items: [{ line: line.id, qty: 1, resolution: { type: 'refund' } }] });
assert.equal(accepted.state, 'accepted');

step('the plugin carries it out in Medusa and resolves the case with Medusa\'s references');
const resolved = await eventually('the case resolved by the plugin', 60, async () => {
  const answer = await reclaim('GET', `/staff/api/v1/cases/${number}`, { cookie });
  return answer.body && answer.body.state === 'resolved' ? answer.body : undefined;
});
const fulfilment = resolved.history.find((entry) => entry.action === 'fulfil');
assert.equal(fulfilment.actor.role, 'host');
const reference = fulfilment.data.reference;
assert.match(reference, /^return return_\w+, refund ref_\w+$/);

step('Medusa\'s own API shows the return and the refund, with the right amounts');
order = await readOrder(medusa, order.id);
const [ret] = order.returns;
assert.equal(order.returns.length, 1);
assert.equal(ret.status, 'received');
assert.ok(reference.includes(ret.id));
assert.deepEqual(ret.items.map((i) => [i.item_id, Number(i.quantity), Number(i.received_quantity)]),
                 [[line.id, 1, 1]]);
assert.equal(ret.items[0].metadata.reclaim_case, number);
const refunds = order.payment_collections.flatMap((c) => c.payments).flatMap((p) => p.refunds);
assert.equal(refunds.length, 1);
assert.ok(reference.includes(refunds[0].id));
// One mug with 23 % VAT, as Medusa charged it (49.99 net: 61.4877), paid back to the grosz.
const unitGross = Number(line.total) / Number(line.quantity);
assert.equal(Number(refunds[0].amount), money(unitGross));
assert.ok(refunds[0].note.startsWith(number));
assert.equal(order.payment_status, 'partially_refunded');
assert.equal(Number(order.items[0].detail.return_received_quantity), 1);

step('the customer\'s status page says it is resolved');
const final = await reclaim('GET', opened.body.status_url.replace(/^.*\/reclaim/, ''));
assert.equal(final.status, 200);
assert.match(final.text, /rozpatrzon|zrealizowan|Zwrot/i);

step('a broken Medusa order document is refused, naming the field, and nothing is stored');
const require = createRequire(new URL('./app/package.json', import.meta.url));
const { Engine } = require('@reclaim/node');
const engine = await Engine.open({ database: 'sqlite::memory:' });
try {
  const broken = JSON.parse(JSON.stringify({ order }));
  broken.order.id = 'order_broken';
  broken.order.items[0].quantity = 'two';
  await assert.rejects(engine.importOrder('medusa', broken),
                       (error) => error.code === 'invalid_argument' && /items\[0\]\.quantity/.test(error.field));
  await assert.rejects(engine.getOrder('order_broken'), (error) => error.code === 'not_found');
  const whole = await engine.importOrder('medusa', { order });
  assert.equal(whole.order_id ?? whole.id ?? order.id, order.id);
} finally {
  await engine.close();
}
console.log('Medusa scenario passed');
