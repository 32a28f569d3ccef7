'use strict';
// Every document the library hands out is released with reclaim_free: many large results leave
// the process no larger than a few did.
const test = require('node:test');
const assert = require('node:assert/strict');
const v8 = require('node:v8');
const vm = require('node:vm');
const { staffCase, openEngine } = require('./fixtures');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

test('results do not leak: RSS stays flat over rounds of large results', async (t) => {
  const engine = await openEngine();
  t.after(() => engine.close());
  for (let i = 0; i < 300; i += 1) await engine.openCase(staffCase(`M${i}`));
  const one = JSON.stringify(await engine.readEvents({ limit: 1000 })).length;
  assert.ok(one > 100_000, `a result of ${one} bytes`);

  const CALLS = 500;
  const rss = [];
  for (let round = 0; round < 5; round += 1) {
    const results = await Promise.all(Array.from({ length: CALLS }, () => engine.readEvents({ limit: 1000 })));
    assert.ok(results.every((r) => r.events.length === 300));
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    rss.push(process.memoryUsage().rss);
  }
  const perRoundMb = (CALLS * one) / 2 ** 20;
  const growthMb = (rss[4] - rss[1]) / 2 ** 20;
  t.diagnostic(`each round ${perRoundMb.toFixed(0)} MB of results; RSS from round 2 to 5 ` +
               `${growthMb.toFixed(1)} MB (${rss.map((r) => (r / 2 ** 20).toFixed(0)).join(', ')} MB)`);
  // A leak of the documents alone would add a round's worth each round, three times over.
  assert.ok(growthMb < perRoundMb / 2, `RSS grew ${growthMb.toFixed(1)} MB over three rounds`);
});
