'use strict';
// Run by test/concurrency.test.js in a process of its own: 1,000 concurrent calls on one engine
// while a 1 ms timer runs, outside the test runner (whose async hooks would make every Promise
// dearer than in a shop's process). Prints what it saw as JSON; the test judges it.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { reclaim, staffCase } = require('../fixtures');

async function main() {
  // A database file kept through a power cut (an fsync per change), as a shop would keep it:
  // the pool's work is the database's, and the event loop's only the results'.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reclaim-node-'));
  const engine = await reclaim.Engine.open({
    database: `sqlite:${path.join(dir, 'r.db')}`, storage: { synchronous: 'full' },
  });
  try {
    const seeded = await engine.openCase(staffCase('SEED'));
    const mix = (i, tag) => {
      switch (i % 4) {
        case 0: return engine.openCase(staffCase(`${tag}${i}`));
        case 1: return engine.getCase(seeded.id);
        case 2: return engine.listCases({ limit: 5 });
        default: return engine.readEvents({ after: 0, limit: 5 });
      }
    };
    // Warm up the JIT, so that what is timed is the calls, not the compiler.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => mix(i, `W${round}-`)));
    }

    let fired = 0;
    let last = performance.now();
    let longestGapMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
      fired += 1;
    }, 1);
    const started = performance.now();
    const calls = Array.from({ length: 1000 }, (_, i) => mix(i, 'S'));
    const queuedMs = performance.now() - started;
    const pendingAfterQueue = engine.pending;
    const firedWhileQueuing = fired;
    const results = await Promise.all(calls);
    const elapsedMs = performance.now() - started;
    clearInterval(timer);

    const opened = results.filter((r, i) => i % 4 === 0);
    console.log(JSON.stringify({
      queuedMs, elapsedMs, fired, longestGapMs, firedWhileQueuing, pendingAfterQueue,
      opened: opened.filter((r) => r.state === 'received').length,
      distinctNumbers: new Set(opened.map((r) => r.number)).size,
      readsOfSeed: results.filter((r, i) => i % 4 === 1 && r.id === seeded.id).length,
      listed: (await engine.listCases({ limit: 500 })).cases.length,
    }));
  } finally {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
