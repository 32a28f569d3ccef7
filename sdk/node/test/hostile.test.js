'use strict';
// Hostile input never crashes the process nor reaches C half-read: missing and mistyped
// arguments, malformed JSON, bytes that are not UTF-8, lone surrogates, NULs, oversized and
// deeply nested documents. Each is a rejected ReclaimError (invalid_argument) naming the field,
// and nothing is written.
const test = require('node:test');
const assert = require('node:assert/strict');
const { reclaim, COMPLAINT, openEngine, rejectsWith } = require('./fixtures');
const { addon } = require('../lib/addon');

const INVALID = { status: 1, code: 'invalid_argument' };

// Every method with its required parameters, as [name, field the ABI or binding names, args
// builder taking the hostile value].
const REQUIRED = [
  ['checkEligibility', 'request', (v) => [v]],
  ['importOrder', 'adapter', (v) => [v, {}]],
  ['importOrder', 'order', (v) => ['reclaim', v]],
  ['getOrder', 'orderId', (v) => [v]],
  ['openCase', 'request', (v) => [v]],
  ['getCase', 'caseRef', (v) => [v]],
  ['act', 'caseRef', (v) => [v, { action: 'review', actor: { role: 'agent' } }]],
  ['act', 'action', (v) => ['RC-2026-000001', v]],
  ['getAttachment', 'caseRef', (v) => [v, 'a_1']],
  ['getAttachment', 'attachmentId', (v) => ['RC-2026-000001', v]],
  ['ackMessages', 'ack', (v) => [v]],
  ['previewMessage', 'request', (v) => [v]],
  ['messageInbound', 'request', (v) => [v]],
  ['document', 'caseRef', (v) => [v, { type: 'complaint_receipt' }]],
  ['document', 'request', (v) => ['RC-2026-000001', v]],
  ['hostPayload', 'caseRef', (v) => [v, 'woocommerce']],
  ['hostPayload', 'adapter', (v) => ['RC-2026-000001', v]],
  ['handleHttp', 'request', (v) => [v]],
  ['staffLink', 'request', (v) => [v]],
  ['staffAccount', 'request', (v) => [v]],
  ['cannedReplies', 'request', (v) => [v]],
  ['subjectExport', 'request', (v) => [v]],
  ['subjectErase', 'request', (v) => [v]],
];

test('undefined and null for a required argument: the ABI\'s own refusal of NULL', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  for (const [method, , args] of REQUIRED) {
    for (const missing of [undefined, null]) {
      await rejectsWith(assert, engine[method](...args(missing)), INVALID);
    }
  }
  await rejectsWith(assert, reclaim.Engine.open(undefined), INVALID);
  await rejectsWith(assert, reclaim.Engine.open(null), INVALID);
  // Optional ones stand for "default" or {}.
  assert.equal((await engine.getPolicy(undefined)).shop, 'default');
  assert.ok(Array.isArray((await engine.listCases(null)).cases));
  assert.ok(Array.isArray((await engine.readEvents(undefined)).events));
});

test('wrong types are refused before the call, naming the parameter', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const wrong = [42, true, Symbol('s'), () => 1, 10n];
  for (const [method, field, args] of REQUIRED) {
    for (const value of wrong) {
      await rejectsWith(assert, engine[method](...args(value)), { ...INVALID, field });
    }
  }
  for (const id of [{}, ['1001']]) {
    await rejectsWith(assert, engine.getOrder(id), { ...INVALID, field: 'orderId' });
  }
  await rejectsWith(assert, engine.getPolicy(7), { ...INVALID, field: 'shop' });
  assert.throws(() => engine.setClock('2026-01-01'), reclaim.ReclaimError);
  assert.throws(() => engine.setClock(1.5), reclaim.ReclaimError);
  assert.throws(() => engine.setClock(NaN), reclaim.ReclaimError);
  assert.throws(() => engine.setClock(2n ** 70n), RangeError);
  assert.throws(() => engine.setClock(new Date(Date.UTC(10000, 0, 1))), (e) => e.code === 'invalid_argument');
  // The addon's own guard, for a caller that goes around the package.
  const { addon: raw } = require('../lib/addon');
  await assert.rejects(async () => raw.open(42), TypeError);
});

test('malformed JSON text and unwritable objects', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  for (const text of ['{"kind":', '', 'null', '[]', '{"kind":"complaint",}', '\u00ff', '{"a":1}{"b":2}']) {
    await rejectsWith(assert, engine.openCase(text), INVALID);
  }
  const circular = { kind: 'complaint' };
  circular.self = circular;
  await rejectsWith(assert, engine.openCase(circular), { ...INVALID, field: 'request' });
  await rejectsWith(assert, engine.openCase({ kind: 'complaint', big: 1n }), { ...INVALID, field: 'request' });
  await rejectsWith(assert, engine.openCase(12), { ...INVALID, field: 'request' });
  const bytes = Buffer.from(JSON.stringify(COMPLAINT));
  for (const other of [bytes.buffer, new Uint16Array(4), new DataView(new ArrayBuffer(2))]) {
    await rejectsWith(assert, engine.openCase(other), { ...INVALID, field: 'request' });
  }
});

test('bytes that are not UTF-8, lone surrogates and NULs', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const latin1 = Buffer.from('{"database":"sqlite::memory:","shops":[{"id":"d\xe9f"}]}', 'latin1');
  await rejectsWith(assert, reclaim.Engine.open(latin1), INVALID);
  const overlong = Buffer.concat([Buffer.from('{"kind":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
  await rejectsWith(assert, engine.openCase(overlong), INVALID);
  await rejectsWith(assert, engine.openCase(new Uint8Array([0x7b, 0xff, 0x7d])), INVALID);
  // Good bytes work as well as text.
  assert.equal((await engine.openCase(Buffer.from(JSON.stringify(COMPLAINT)))).state, 'received');

  for (const lone of ['\ud800', '\udc00', 'a\udbffb', '\udfff\ud800']) {
    await rejectsWith(assert, engine.getCase(lone), { ...INVALID, field: 'caseRef' });
    await rejectsWith(assert, engine.openCase({ ...COMPLAINT, description: lone }), { ...INVALID, field: 'request' });
    await rejectsWith(assert, engine.openCase(JSON.stringify(COMPLAINT).replace('}', `,"x":"${lone}"}`)),
      { ...INVALID, field: 'request' });
  }
  // A surrogate pair is a character like any other; an escaped backslash before "ud800" is text.
  const emoji = await engine.openCase({ ...COMPLAINT, items: [{ line: '1', qty: 1, reason: 'defect' }],
    description: 'broken 😀 \\ud800', idempotency_key: 'emoji' });
  assert.equal(emoji.description, 'broken 😀 \\ud800');
  // The same escape written in JSON text by hand goes to the library, which refuses it too.
  const escaped = JSON.stringify({ ...COMPLAINT, description: 'HERE' }).replace('HERE', '\\ud800');
  await rejectsWith(assert, engine.openCase(escaped), INVALID);

  await rejectsWith(assert, engine.getCase('RC-2026-000001\0 OR 1=1'), { ...INVALID, field: 'caseRef' });
  await rejectsWith(assert, engine.openCase('{"kind":"complaint"}\0'), { ...INVALID, field: 'request' });
  await rejectsWith(assert, engine.openCase(Buffer.from('{"a":1}\0')), { ...INVALID, field: 'request' });
  await assert.rejects(async () => addon.open('{"database":"sqlite::memory:"}\0x'), TypeError);
});

test('oversized and deeply nested documents', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const huge = { ...COMPLAINT, description: 'x'.repeat(2 * 1024 * 1024) };
  await rejectsWith(assert, engine.openCase(huge), INVALID);
  await rejectsWith(assert, engine.getCase('RC-'.repeat(100000)), INVALID);
  const order = { id: 'big', currency: 'PLN', customer: { email: 'a@b.pl' },
    lines: [{ id: '1', name: 'y'.repeat(5 * 1024 * 1024), qty: 1, unit_price: '1.00' }] };
  await rejectsWith(assert, engine.importOrder('reclaim', order), INVALID);
  let deep = {};
  for (let i = 0; i < 100; i += 1) deep = { extra: deep };
  await rejectsWith(assert, engine.openCase({ ...COMPLAINT, extra: deep }), INVALID);
  assert.equal((await engine.listCases()).cases.length, 0, 'nothing was written');
  await rejectsWith(assert, engine.getOrder('big'), { code: 'not_found' });
});
