// The plugin's own rules, without a server: which received units go back into Medusa's stock,
// and how its options are checked. Run by run.sh with node --test, from the test shop's
// node_modules (the plugin's files load Medusa's packages).
import assert from 'node:assert/strict';
import test from 'node:test';
import { createRequire } from 'node:module';

const require = createRequire(new URL('./app/package.json', import.meta.url));
const { unitsToRestock } = require('@reclaim/medusa/lib/carry-out');
const { pluginOptions } = require('@reclaim/medusa/lib/options');

const item = (line, decision, received) => ({ line, decision, received });
const refund = (qty) => ({ outcome: 'accepted', qty, resolution: { type: 'refund' } });

test('received units go back into stock, less those given another disposition', () => {
  const subject = { items: [
    item('ordli_a', refund(2), { qty: 2, condition: 'damaged', disposed: { restock: 1, scrap: 1 } }),
    item('ordli_b', refund(1), { qty: 1, condition: 'new', disposed: {} }),
    item('ordli_c', refund(3), { qty: 0, condition: null, disposed: {} }),
  ] };
  assert.deepEqual(unitsToRestock(subject), [{ id: 'ordli_a', quantity: 1 }, { id: 'ordli_b', quantity: 1 }]);
});

test('nothing goes back for rejected items, other resolutions, or goods all quarantined', () => {
  const subject = { items: [
    item('ordli_a', { outcome: 'rejected', qty: 0, resolution: null }, { qty: 1, disposed: {} }),
    item('ordli_b', { outcome: 'accepted', qty: 1, resolution: { type: 'replacement' } }, { qty: 1, disposed: {} }),
    item('ordli_c', refund(1), { qty: 1, disposed: { quarantine: 1 } }),
    item(null, refund(1), { qty: 1, disposed: {} }),
    item('ordli_d', null, { qty: 1, disposed: {} }),
  ] };
  assert.deepEqual(unitsToRestock(subject), []);
});

test('no more units than the decision refunds', () => {
  const subject = { items: [item('ordli_a', refund(1), { qty: 3, disposed: {} })] };
  assert.deepEqual(unitsToRestock(subject), [{ id: 'ordli_a', quantity: 1 }]);
});

const containerWith = (options) => ({
  resolve: (key) => {
    assert.equal(key, 'configModule');
    return { plugins: ['@medusajs/draft-order', { resolve: '@reclaim/medusa', options }] };
  },
});

test('options: defaults, and each wrong one named', () => {
  process.chdir(new URL('./app/', import.meta.url).pathname);
  const options = pluginOptions(containerWith({ reclaim: { database: 'sqlite::memory:' } }));
  assert.equal(options.shop, 'default');
  assert.equal(options.staffRole, 'supervisor');
  assert.equal(options.carryOut, true);
  assert.deepEqual(options.http, {});
  for (const [wrong, named] of [
    [{}, /"reclaim"/],
    [{ reclaim: {}, staffRole: 'owner' }, /"staffRole" must be one of agent, supervisor/],
    [{ reclaim: {}, carryOut: 'yes' }, /"carryOut"/],
    [{ reclaim: {}, shop: '' }, /"shop"/],
    [{ reclaim: {}, http: [] }, /"http"/],
    [{ reclaim: {}, locationId: 7 }, /"locationId"/],
  ]) {
    assert.throws(() => pluginOptions(containerWith(wrong)), named);
  }
});
