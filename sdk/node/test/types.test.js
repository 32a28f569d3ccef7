'use strict';
// The TypeScript types: generated from the schemas as they are now, and checked with tsc.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO } = require('./fixtures');

const root = path.join(__dirname, '..');

test('types/api.d.ts is what tools/schema-types.mjs makes of docs/api', async () => {
  const { generate } = await import('../tools/schema-types.mjs');
  const committed = fs.readFileSync(path.join(root, 'types', 'api.d.ts'), 'utf8');
  assert.ok(committed === generate(path.join(REPO, 'docs', 'api')),
    'types/api.d.ts is stale: run `npm run types` in sdk/node');
});

test('tsc --noEmit --strict accepts the uses and refuses the misuses in test/types', () => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, 'types', 'tsconfig.json')],
      { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc: ${e.stdout}${e.stderr}`);
  }
});
