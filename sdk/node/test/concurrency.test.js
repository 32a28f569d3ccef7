'use strict';
// Calls run on the libuv thread pool: a thousand at once finish correctly while the event loop
// keeps turning (a timer fires again and again during them).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { reclaim, staffCase, openEngine } = require('./fixtures');

test('1,000 concurrent calls do not block the event loop', async (t) => {
  // A database file, as a shop has: the work the pool does is the database's, not only the
  // copying of results the event loop must do anyway.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reclaim-node-'));
  const engine = await reclaim.Engine.open({ database: `sqlite:${path.join(dir, 'r.db')}` });
  t.after(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const seeded = await engine.openCase(staffCase('SEED'));

  let fired = 0;
  let last = performance.now();
  let longestGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    fired += 1;
  }, 2);
  const started = performance.now();
  const calls = [];
  for (let i = 0; i < 1000; i += 1) {
    switch (i % 4) {
      case 0: calls.push(engine.openCase(staffCase(`S${i}`))); break;
      case 1: calls.push(engine.getCase(seeded.id)); break;
      case 2: calls.push(engine.listCases({ limit: 10 })); break;
      default: calls.push(engine.readEvents({ after: 0, limit: 50 })); break;
    }
  }
  const queuedMs = performance.now() - started;
  // Every call was only queued: none has finished, the loop has not waited for the database.
  assert.equal(engine.pending, 1000);
  const firedWhileQueuing = fired;
  const results = await Promise.all(calls);
  const elapsedMs = performance.now() - started;
  clearInterval(timer);

  assert.equal(results.filter((r, i) => i % 4 === 0 && r.state === 'received').length, 250);
  assert.ok(results.filter((r, i) => i % 4 === 1).every((r) => r.id === seeded.id));
  assert.equal((await engine.listCases({ limit: 500 })).cases.length, 251);
  const numbers = new Set(results.filter((r, i) => i % 4 === 0).map((r) => r.number));
  assert.equal(numbers.size, 250, 'each case its own number');
  t.diagnostic(`1000 calls: queued in ${queuedMs.toFixed(1)} ms, done in ${elapsedMs.toFixed(0)} ms; ` +
               `the 2 ms timer fired ${fired} times, longest gap ${longestGap.toFixed(0)} ms`);
  assert.equal(firedWhileQueuing, 0);
  assert.ok(fired >= 5, `the timer fired ${fired} times in ${elapsedMs.toFixed(0)} ms`);
});

test('errors under load reject their own calls only', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  const calls = Array.from({ length: 300 }, (_, i) => (i % 3 === 0
    ? engine.getCase(`RC-2026-9${String(i).padStart(5, '0')}`)
    : engine.openCase(staffCase(`E${i}`))));
  const settled = await Promise.allSettled(calls);
  settled.forEach((s, i) => {
    if (i % 3 === 0) {
      assert.equal(s.status, 'rejected');
      assert.ok(s.reason instanceof reclaim.ReclaimError);
      assert.equal(s.reason.code, 'not_found');
    } else {
      assert.equal(s.status, 'fulfilled', s.reason && s.reason.message);
    }
  });
});
