'use strict';
// Calls run on the libuv thread pool: a thousand at once finish correctly while the event loop
// keeps turning (a timer fires again and again during them; measured in a process of its own,
// test/support/concurrent_calls.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { reclaim, staffCase, openEngine } = require('./fixtures');

test('1,000 concurrent calls do not block the event loop', async (t) => {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'support', 'concurrent_calls.js')],
    { encoding: 'utf8', env: process.env, timeout: 120000 });
  assert.equal(child.status, 0, child.stderr);
  const seen = JSON.parse(child.stdout);
  t.diagnostic(`1000 calls: queued in ${seen.queuedMs.toFixed(1)} ms, done in ` +
               `${seen.elapsedMs.toFixed(0)} ms; the 1 ms timer fired ${seen.fired} times, ` +
               `longest gap ${seen.longestGapMs.toFixed(0)} ms`);
  // Every call was only queued (none finished, the timer could not run meanwhile) ...
  assert.equal(seen.pendingAfterQueue, 1000);
  assert.equal(seen.firedWhileQueuing, 0);
  // ... and while the pool worked the loop kept turning.
  assert.ok(seen.fired >= 20, `the timer fired ${seen.fired} times in ${seen.elapsedMs.toFixed(0)} ms`);
  assert.ok(seen.longestGapMs < seen.elapsedMs / 2, `the loop stood still for ${seen.longestGapMs} ms`);
  // The calls did what they should.
  assert.equal(seen.opened, 250);
  assert.equal(seen.distinctNumbers, 250, 'each case its own number');
  assert.equal(seen.readsOfSeed, 250);
  assert.equal(seen.listed, 1 + 75 + 250);
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
