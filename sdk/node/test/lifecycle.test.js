'use strict';
// The engine handle is safe: calls after close reject cleanly, close waits for the calls in
// flight (never freeing the engine under one), and closing twice is harmless.
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { Worker } = require('node:worker_threads');
const { reclaim, COMPLAINT, staffCase, openEngine, rejectsWith } = require('./fixtures');

const CLOSED = { status: 1, code: 'invalid_argument', field: 'engine' };

test('calls after close reject; close again resolves', async () => {
  const engine = await openEngine();
  await engine.close();
  assert.equal(engine.closed, true);
  await rejectsWith(assert, engine.getCase('RC-2026-000001'), CLOSED);
  await rejectsWith(assert, engine.openCase(COMPLAINT), CLOSED);
  await rejectsWith(assert, engine.tick(), CLOSED);
  await rejectsWith(assert, engine.stopHttp(), CLOSED);
  assert.throws(() => engine.setClock(0), (e) => e instanceof reclaim.ReclaimError && e.field === 'engine');
  await engine.close();
  await Promise.all([engine.close(), engine.close()]);
});

test('close waits for the calls in flight; calls made after it are refused', async () => {
  const engine = await openEngine();
  const calls = [];
  for (let i = 0; i < 200; i += 1) {
    calls.push(i % 2 ? engine.openCase(staffCase(`S${i}`)) : engine.listCases({ limit: 5 }));
  }
  assert.equal(engine.pending, 200);
  const closing = engine.close();
  const second = engine.close();
  const late = engine.getCase('RC-2026-000001');
  late.catch(() => {}); // awaited below, after the others
  assert.equal(engine.closed, true);
  const settled = await Promise.allSettled(calls);
  assert.deepEqual(settled.filter((s) => s.status === 'rejected').map((s) => s.reason.message), []);
  assert.equal(settled.filter((s, i) => i % 2 && s.value.state === 'received').length, 100);
  await Promise.all([closing, second]);
  assert.equal(engine.pending, 0);
  await rejectsWith(assert, late, CLOSED);
});

test('close with the web endpoint running stops it', async () => {
  const engine = await openEngine();
  const { listen } = await engine.startHttp({ listen: '127.0.0.1:0' });
  assert.equal((await fetch(`http://${listen}/healthz`)).status, 200);
  await engine.close();
  await assert.rejects(fetch(`http://${listen}/healthz`));
});

test('engines open and close independently, many at once', async () => {
  const engines = await Promise.all(Array.from({ length: 8 }, () => openEngine()));
  const cases = await Promise.all(engines.map((e) => e.openCase(COMPLAINT)));
  assert.ok(cases.every((c) => c.number === cases[0].number), 'each engine has its own database');
  await Promise.all(engines.map((e, i) => (i % 2 ? e.close() : Promise.all([e.close(), e.tick().catch((err) => err)]))));
  assert.ok(engines.every((e) => e.closed));
});

test('engines dropped without close are freed by the garbage collector', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  let collected = 0;
  const registry = new FinalizationRegistry(() => { collected += 1; });
  for (let i = 0; i < 20; i += 1) {
    const engine = await openEngine();
    await engine.getOrder('1001');
    registry.register(engine, i);
  }
  for (let round = 0; round < 10 && collected < 20; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.ok(collected > 0, 'no engine was collected');
});

test('worker threads load their own instance; one terminated mid-calls harms nothing', async () => {
  const fixtures = require.resolve('./fixtures');
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { openEngine, staffCase } = require(${JSON.stringify(fixtures)});
    (async () => {
      const engine = await openEngine();
      const opened = await engine.openCase(staffCase('W'));
      for (let i = 0; i < 500; i += 1) engine.openCase(staffCase('W' + i)).catch(() => {});
      parentPort.postMessage(opened.state);
    })();`;
  const worker = new Worker(source, { eval: true });
  const state = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  assert.equal(state, 'received');
  await worker.terminate();
  // The main thread's instance goes on.
  const engine = await openEngine();
  assert.equal((await engine.openCase(COMPLAINT)).state, 'received');
  await engine.close();
});
