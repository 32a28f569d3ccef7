'use strict';
// Open an engine, import an order, open a complaint, move it, read its status and events.
//   node examples/quickstart.js [DATABASE]     (default: an in-memory SQLite database)
const { Engine, ReclaimError } = require('..');

async function main() {
  const engine = await Engine.open({
    database: process.argv[2] || 'sqlite::memory:',
    clock: 'manual', // the example's dates are fixed; a shop leaves the clock out
    shops: [{ id: 'default', name: 'Demo Shop', jurisdiction: 'PL', timezone: 'Europe/Warsaw',
              currency: 'PLN', locale: 'pl' }],
  });
  try {
    engine.setClock(new Date('2026-11-10T09:00:00Z'));
    await engine.importOrder('reclaim', {
      id: '1001', number: '#1001', currency: 'PLN',
      placed_at: '2026-11-02T10:00:00Z', delivered_at: '2026-11-05T12:00:00Z',
      customer: { email: 'jan@example.pl', name: 'Jan Kowalski', locale: 'pl' },
      lines: [{ id: '1', sku: 'KET-1', name: 'Czajnik', qty: 2, unit_price: '199.99' }],
    });

    const opened = await engine.openCase({
      kind: 'complaint', actor: { role: 'customer' }, order_id: '1001',
      customer: { email: 'jan@example.pl' },
      items: [{ line: '1', qty: 1, reason: 'defect' }], preferred_resolution: 'replacement',
    });
    console.log(`opened ${opened.number}, decision due ${opened.deadlines.decision_due}`);

    const reviewed = await engine.act(opened.id, {
      action: 'review', actor: { role: 'agent', id: 'anna' }, expected_version: opened.version,
    });
    const status = await engine.getCase(reviewed.number);
    console.log(`case ${status.number}: ${status.state}, version ${status.version}`);

    const { events, next } = await engine.readEvents({ after: 0 });
    console.log(`events: ${events.map((e) => e.type).join(', ')} (next cursor ${next})`);

    try {
      await engine.openCase({ kind: 'complaint', actor: { role: 'customer' },
        order_id: '1001', customer: { email: 'jan@example.pl' },
        items: [{ line: '1', qty: 5, reason: 'defect' }] });
    } catch (e) {
      if (!(e instanceof ReclaimError)) throw e;
      console.log(`refused: ${e.code} (field ${e.field}, rule ${e.rule}): ${e.message}`);
    }
  } finally {
    await engine.close();
  }
}

main().catch((e) => {
  console.error('quickstart:', e);
  process.exitCode = 1;
});
