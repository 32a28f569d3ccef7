// Compiled (never run) by test/types.test.js with tsc --noEmit --strict: the binding's types
// accept what the library takes, and refuse what it would refuse. Each @ts-expect-error must
// meet an error, so a type that stopped refusing fails the check.
import { Engine, ReclaimError, Status, version, type Api } from '../..';

async function walk(): Promise<void> {
  const v: string = version();
  const engine = await Engine.open({ database: 'sqlite::memory:', clock: 'manual' });
  const db: 'sqlite' | 'postgresql' = engine.info.database;
  engine.setClock(new Date());
  await engine.importOrder('reclaim', {
    id: '1001', currency: 'PLN', customer: { email: 'jan@example.pl' },
    lines: [{ id: '1', name: 'Czajnik', qty: 2, unit_price: '199.99' }],
  });
  await engine.importOrder('woocommerce', { id: 727, line_items: [] });
  const opened: Api.Case = await engine.openCase({
    kind: 'complaint', actor: { role: 'customer' }, order_id: '1001',
    customer: { email: 'jan@example.pl' }, items: [{ line: '1', qty: 1, reason: 'defect' }],
  });
  const state: Api.Common.State = opened.state;
  await engine.act(opened.id, { action: 'review', actor: { role: 'agent' }, expected_version: opened.version });
  await engine.act(opened.id, { action: 'request_info', actor: { role: 'agent' }, message: 'A photo?' });
  const events = await engine.readEvents({ after: 0 });
  const next: number = events.next;
  const tick = await engine.tick();
  const n: number = tick.events;
  await engine.stopHttp();
  try {
    await engine.getCase('RC-2026-000001');
  } catch (e) {
    if (e instanceof ReclaimError && e.status === Status.NOT_FOUND) {
      const code: 'not_found' | string = e.code;
      const field: string | null = e.field;
      const rule: string | null = e.rule;
      void [code, field, rule];
    }
  }
  await engine.close();
  void [v, db, state, next, n];
}

async function refused(engine: Engine): Promise<void> {
  // @ts-expect-error: "kind" is complaint or return
  await engine.openCase({ kind: 'repair', actor: { role: 'customer' }, items: [] });
  // @ts-expect-error: request_info needs its message
  await engine.act('c_1', { action: 'request_info', actor: { role: 'agent' } });
  // @ts-expect-error: no such role
  await engine.act('c_1', { action: 'review', actor: { role: 'janitor' } });
  // @ts-expect-error: a case reference is a string
  await engine.getCase(42);
  // @ts-expect-error: a tick's result has no "cases_done"
  (await engine.tick()).cases_done;
  // @ts-expect-error: engines come from Engine.open
  new Engine();
}

void walk;
void refused;
