'use strict';
// What the tests share: documents in Reclaim's own format and an engine on an in-memory
// database with a manual clock (2026-11-10T09:00:00Z, five days after the order's delivery).

const fs = require('node:fs');
const path = require('node:path');
const reclaim = require('..');

const REPO = path.join(__dirname, '..', '..', '..');
const T0 = Date.UTC(2026, 10, 10, 9, 0, 0);

const ORDER = {
  id: '1001', number: '#1001', currency: 'PLN',
  placed_at: '2026-11-02T10:00:00Z', delivered_at: '2026-11-05T12:00:00Z',
  customer: { email: 'jan@example.pl', name: 'Jan Kowalski', locale: 'pl' },
  lines: [{ id: '1', sku: 'KET-1', name: 'Czajnik', qty: 2, unit_price: '199.99' }],
};

const COMPLAINT = {
  shop: 'default', kind: 'complaint', actor: { role: 'customer' }, order_id: '1001',
  customer: { email: 'jan@example.pl' },
  items: [{ line: '1', qty: 1, reason: 'defect' }],
  preferred_resolution: 'refund',
};

const AGENT = { role: 'agent', id: 'anna' };
const SUPERVISOR = { role: 'supervisor', id: 'eva' };

/** A case of the agent's, without an order (one call, no shared state between them). */
function staffCase(sku) {
  return {
    kind: 'return', actor: AGENT,
    items: [{ sku, name: 'Mug', qty: 1, unit_price: '9.00', currency: 'PLN', reason: 'changed_mind' }],
  };
}

async function openEngine(config = {}) {
  const engine = await reclaim.Engine.open({ database: 'sqlite::memory:', clock: 'manual', ...config });
  engine.setClock(T0);
  await engine.importOrder('reclaim', ORDER);
  return engine;
}

function fixture(relative) {
  return fs.readFileSync(path.join(REPO, relative), 'utf8');
}

/** Asserts that `promise` rejects with a ReclaimError with these members; returns the error. */
async function rejectsWith(assert, promise, expected) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof reclaim.ReclaimError, `expected a ReclaimError, got ${error}`);
  assert.ok(error instanceof Error);
  for (const [key, value] of Object.entries(expected)) {
    assert.deepStrictEqual(error[key], value, `${key} of ${error.message}`);
  }
  assert.ok(error.message.length > 0 && error.message !== error.code, error.message);
  return error;
}

module.exports = {
  reclaim, REPO, T0, ORDER, COMPLAINT, AGENT, SUPERVISOR, staffCase, openEngine, fixture,
  rejectsWith,
};
