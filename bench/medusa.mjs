// Medusa v2 beside Reclaim inside it (@reclaim/medusa), in one server process, on one machine, in
// one run: Medusa's own return request (POST /store/returns) against a complaint opened through
// the plugin's route (POST /reclaim/api/v1/cases), and Medusa's order read for its customer
// (GET /store/orders/{id}) against Reclaim's status read (the JSON and the HTML status page).
// Run by bench/medusa.sh through tests/medusa/run.sh, which starts PostgreSQL and Medusa.
import { medusaClient, waitForHealth, eventually } from '../tests/medusa/medusa-client.mjs';
import { setUpShop, placeDeliveredOrder } from '../tests/medusa/medusa-shop.mjs';

const base = process.env.SHOP_URL;
const SECONDS = Number(process.env.SECONDS_EACH || 10);
const CLIENTS = (process.env.CLIENTS || '1,8').split(',').map(Number);
const medusa = medusaClient(base);

async function send(method, path, { json, headers = {} } = {}) {
  const sent = { ...headers };
  if (json !== undefined) sent['content-type'] = 'application/json';
  const response = await fetch(base + path, {
    method, headers: sent, body: json === undefined ? undefined : JSON.stringify(json),
  });
  await response.arrayBuffer();
  return response.status;
}

// `clients` loops sending requests for `seconds`; each request's time and status kept.
async function measure(seconds, clients, request) {
  const times = [];
  let failed = 0;
  const statuses = new Map();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      const status = await request();
      times.push(performance.now() - t0);
      if (status >= 300) {
        failed += 1;
        statuses.set(status, (statuses.get(status) || 0) + 1);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { rate: (times.length - failed) / elapsed, p50: at(0.5), p99: at(0.99), requests: times.length,
           failed, statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(' ') };
}

const row = (what, clients, m) =>
  `| ${what} | ${clients} | ${m.rate.toFixed(1)} | ${m.p50.toFixed(1)} | ${m.p99.toFixed(1)} | ` +
  `${m.requests} | ${m.failed ? `${m.failed} (${m.statuses})` : 0} |`;

await waitForHealth(base, 180);
const shop = await setUpShop(medusa, process.env.ADMIN_EMAIL, process.env.ADMIN_PASSWORD);
// Each side claims one unit per request, in turn from ten delivered orders of its own, so that
// neither piles every request onto one order (Medusa loads an order's changes with it).
const ORDERS = 10;
async function placeOrders(prefix, quantity) {
  const placed = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const email = `${prefix}.${i}.${Date.now()}@example.com`;
    placed.push({ email, order: await placeDeliveredOrder(medusa, shop, email, quantity) });
  }
  return placed;
}
const returnsOrders = await placeOrders('zwroty', 100);
const claimsOrders = await placeOrders('reklamacje', 2000);
const customerToken = medusa.auth.customer; // the last claims order's customer
for (const { email, order } of claimsOrders) {
  await eventually('the order in Reclaim', 30, async () =>
    (await send('POST', '/reclaim/api/v1/orders/verify', { json: { order: order.id, email } })) === 200
      ? true : undefined);
}

let turn = 0;
const next = (orders) => orders[(turn += 1) % orders.length];
const storeHeaders = { 'x-publishable-api-key': medusa.auth.publishableKey };
const medusaReturn = () => {
  const { order } = next(returnsOrders);
  return send('POST', '/store/returns', { headers: storeHeaders, json: {
    order_id: order.id, items: [{ id: order.items[0].id, quantity: 1 }],
    return_shipping: { option_id: shop.returnOption },
  } });
};
const reclaimComplaint = () => {
  const { order, email } = next(claimsOrders);
  return send('POST', '/reclaim/api/v1/cases', { json: {
    order: order.id, email, items: [{ line: order.items[0].id, qty: 1, reason: 'defect' }],
  } });
};

const lines = [];
const ratios = [];
lines.push(`machine: ${(await import('node:os')).cpus().length} cores, Node.js ${process.versions.node}, ${SECONDS} s per row`);
lines.push('', '| request | clients | per second | p50 ms | p99 ms | requests | failed |', '|---|---:|---:|---:|---:|---:|---:|');
for (const clients of CLIENTS) {
  const ours = await measure(SECONDS, clients, reclaimComplaint);
  const theirs = await measure(SECONDS, clients, medusaReturn);
  lines.push(row('Medusa: POST /store/returns', clients, theirs));
  lines.push(row('Reclaim: POST /reclaim/api/v1/cases', clients, ours));
  ratios.push(`writes, ${clients} client(s): Reclaim ${(ours.rate / theirs.rate).toFixed(1)}× Medusa`);
}

const { order: claimsOrder, email } = claimsOrders[ORDERS - 1];
const opened = await fetch(`${base}/reclaim/api/v1/cases`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ order: claimsOrder.id, email,
                         items: [{ line: claimsOrder.items[0].id, qty: 1, reason: 'defect' }] }),
}).then((r) => r.json());
const orderHeaders = { ...storeHeaders, authorization: `Bearer ${customerToken}` };
const medusaOrder = () => send('GET', `/store/orders/${claimsOrder.id}`, { headers: orderHeaders });
const reclaimJson = () => send('GET', `/reclaim/api/v1/cases/${opened.token}`);
const reclaimPage = () => send('GET', `/reclaim/c/${opened.token}`);
for (const clients of CLIENTS) {
  const theirs = await measure(SECONDS, clients, medusaOrder);
  const json = await measure(SECONDS, clients, reclaimJson);
  const page = await measure(SECONDS, clients, reclaimPage);
  lines.push(row('Medusa: GET /store/orders/{id}', clients, theirs));
  lines.push(row('Reclaim: GET /reclaim/api/v1/cases/{token}', clients, json));
  lines.push(row('Reclaim: GET /reclaim/c/{token} (HTML)', clients, page));
  ratios.push(`reads, ${clients} client(s): Reclaim JSON ${(json.rate / theirs.rate).toFixed(1)}×, ` +
              `page ${(page.rate / theirs.rate).toFixed(1)}× Medusa's order read`);
}
console.log([...lines, '', ...ratios].join('\n'));
