'use strict';
// Failures reject with ReclaimError carrying the ABI's status, code, field, rule and message.
const test = require('node:test');
const assert = require('node:assert/strict');
const { reclaim, COMPLAINT, AGENT, ORDER, openEngine, rejectsWith } = require('./fixtures');

test('ReclaimError is an Error with the document\'s members', () => {
  const error = reclaim.ReclaimError.fromAbi(4, JSON.stringify({
    error: { code: 'not_allowed', message: 'no', field: 'items[0].qty', rule: 'quantity_exceeded' },
  }));
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'ReclaimError');
  assert.deepEqual(
    [error.status, error.code, error.message, error.field, error.rule],
    [4, 'not_allowed', 'no', 'items[0].qty', 'quantity_exceeded']);
  const bare = reclaim.ReclaimError.fromAbi(6, undefined, 'tick');
  assert.deepEqual([bare.code, bare.field, bare.rule, bare.document], ['busy', null, null, null]);
  assert.equal(bare.message, 'reclaim_tick returned busy');
  assert.equal(reclaim.ReclaimError.fromAbi(8, 'not json').code, 'internal');
});

test('open: a bad configuration, an unreachable database', async () => {
  await rejectsWith(assert, reclaim.Engine.open({ database: 42 }), {
    status: 1, code: 'invalid_argument', field: 'database',
  });
  await rejectsWith(assert, reclaim.Engine.open({ database: 'sqlite::memory:', colour: 'red' }), {
    code: 'invalid_argument', field: 'colour',
  });
  await rejectsWith(assert, reclaim.Engine.open({ database: 'sqlite:/nonexistent/d/x.db' }), {
    status: 5, code: 'storage', field: 'database',
  });
  await rejectsWith(assert, reclaim.Engine.open('{"database":"postgresql://127.0.0.1:1/db"}'), {
    code: 'storage', field: 'database',
  });
});

test('each status the calls meet, with its field and rule', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const opened = await engine.openCase({ ...COMPLAINT, items: [{ line: '1', qty: 2, reason: 'defect' }] });

  const stale = await rejectsWith(assert, engine.act(opened.id, {
    action: 'review', actor: AGENT, expected_version: 7,
  }), { status: reclaim.Status.CONFLICT, code: 'conflict', field: 'expected_version' });
  assert.equal(stale.document.error.code, 'conflict');

  await rejectsWith(assert, engine.openCase(COMPLAINT), {
    status: reclaim.Status.NOT_ALLOWED, code: 'not_allowed', field: 'items[0].qty',
    rule: 'quantity_exceeded',
  });
  await rejectsWith(assert, engine.act(opened.id, { action: 'close', actor: AGENT }), {
    code: 'not_allowed', rule: 'state_not_allowed',
  });
  await rejectsWith(assert, engine.act(opened.id, { action: 'rate', actor: AGENT, score: 5 }), {
    code: 'not_allowed', rule: 'role_not_allowed',
  });
  await rejectsWith(assert, engine.getCase('c_missing'), { status: 2, code: 'not_found' });
  await rejectsWith(assert, engine.importOrder('no-such-host', ORDER), {
    status: 7, code: 'unsupported', field: 'adapter',
  });
  const bad = { ...ORDER, lines: [{ ...ORDER.lines[0], colour: 'red' }] };
  await rejectsWith(assert, engine.importOrder('reclaim', bad), {
    code: 'invalid_argument', field: 'lines[0].colour',
  });
  await rejectsWith(assert, engine.act(opened.id, { action: 'review', actor: AGENT, expected_verison: 1 }), {
    code: 'invalid_argument', field: 'expected_verison',
  });
  // Nothing of the refused calls was written.
  assert.equal((await engine.getCase(opened.id)).version, opened.version);
});

test('setClock throws synchronously: only a manual clock may be set', async (t) => {
  const engine = await reclaim.Engine.open({ database: 'sqlite::memory:' });
  t.after(() => engine.close());
  assert.throws(() => engine.setClock(0), (e) => e instanceof reclaim.ReclaimError &&
    e.code === 'not_allowed' && e.status === 4 && e.document === null);
});
