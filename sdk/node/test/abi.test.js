'use strict';
// The binding covers the whole C ABI: every function reclaim.h declares is mapped by the addon
// and reachable from Engine or the module.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { reclaim, REPO } = require('./fixtures');
const { addon } = require('../lib/addon');

const header = fs.readFileSync(path.join(REPO, 'include', 'reclaim', 'reclaim.h'), 'utf8');
const declared = [...new Set([...header.matchAll(/\breclaim_([a-z_]+)\(/g)].map((m) => m[1]))];

test('every function of reclaim.h is mapped by the addon', () => {
  assert.ok(declared.length >= 30, `only ${declared.length} functions found in the header`);
  assert.deepEqual([...addon.mapped_functions()].sort(), [...declared].sort());
});

test('every engine call of the addon has an Engine method that reaches it', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', 'index.js'), 'utf8');
  const reached = new Set([...source.matchAll(/#call\('([a-z_]+)'/g)].map((m) => m[1]));
  const engineCalls = addon.mapped_functions()
    .filter((name) => !['version', 'abi_version', 'status_name', 'free', 'open', 'close',
                        'clock_set'].includes(name));
  assert.deepEqual([...reached].sort(), [...engineCalls].sort());
  for (const name of engineCalls) {
    assert.equal(typeof addon.NativeEngine.prototype[name], 'function', name);
  }
});

test('version, ABI version and status names', () => {
  assert.match(reclaim.version(), /^\d+\.\d+\.\d+$/);
  assert.equal(reclaim.abiVersion(), reclaim.ABI_VERSION);
  assert.equal(reclaim.ABI_VERSION, Number(/#define RECLAIM_ABI_VERSION (\d+)/.exec(header)[1]));
  assert.equal(reclaim.statusName(reclaim.Status.CONFLICT), 'conflict');
  assert.equal(reclaim.statusName(0), 'ok');
  assert.equal(reclaim.statusName(99), 'unknown');
  assert.equal(reclaim.statusName(-1), 'unknown');
  assert.throws(() => reclaim.statusName('1'), reclaim.ReclaimError);
  for (const [name, value] of Object.entries(reclaim.Status)) {
    assert.equal(reclaim.statusName(value), name.toLowerCase());
    assert.match(header, new RegExp(`RECLAIM_${name} = ${value}\\b`));
  }
});

test('engines come only from Engine.open', () => {
  assert.throws(() => new addon.NativeEngine(), TypeError);
  assert.throws(() => new addon.NativeEngine({}), TypeError);
  assert.throws(() => new reclaim.Engine({}, {}), TypeError);
});
