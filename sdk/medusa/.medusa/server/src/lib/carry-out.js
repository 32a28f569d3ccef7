'use strict';
// An accepted refund carried out in Medusa, then the Reclaim case fulfilled with Medusa's
// references. Goods received back into stock go through Medusa's return (created and received
// with Medusa's own workflows, so Medusa restocks them); the money goes back through a refund of
// the order's captured payment, for the amount Reclaim's "medusa" host payload gives
// (reclaim_host_payload: exact, at the currency's minor units). Each step first looks in
// Medusa's order for what an earlier run of it already did (the return items carry the case
// number, the refund's note starts with it), so a crash between two steps repeats nothing.

const { ContainerRegistrationKeys } = require('@medusajs/framework/utils');
const {
  createAndCompleteReturnOrderWorkflow,
  receiveAndCompleteReturnOrderWorkflow,
  refundPaymentWorkflow,
} = require('@medusajs/medusa/core-flows');
const { loadOrder, importOrder } = require('./medusa-order');

const HOST_ACTOR = { role: 'host', id: 'medusa' };
const RETURNS_MONEY = ['refund', 'partial_refund', 'price_reduction'];

// Units of each item that came back and go back into stock: received, less those given another
// disposition (quarantine, scrap, repair, return to supplier).
function unitsToRestock(subject) {
  const units = [];
  for (const item of subject.items) {
    const decision = item.decision;
    if (!decision || decision.outcome === 'rejected' || !item.received || !item.line) continue;
    if (!RETURNS_MONEY.includes(decision.resolution && decision.resolution.type)) continue;
    const elsewhere = Object.entries(item.received.disposed || {})
      .filter(([disposition]) => disposition !== 'restock')
      .reduce((sum, [, qty]) => sum + qty, 0);
    const qty = Math.min(item.received.qty - elsewhere, decision.qty);
    if (qty > 0) units.push({ id: item.line, quantity: qty });
  }
  return units;
}

function returnOfCase(order, number) {
  return (order.returns || []).find((ret) =>
    ret.status !== 'canceled' &&
    (ret.items || []).some((item) => item.metadata && item.metadata.reclaim_case === number));
}

function refundOfCase(order, number) {
  for (const collection of order.payment_collections || []) {
    for (const payment of collection.payments || []) {
      const refund = (payment.refunds || []).find((r) => (r.note || '').startsWith(number));
      if (refund) return refund;
    }
  }
  return null;
}

// Medusa takes a return with a return shipping option: the configured one, else the first
// option whose rules say is_return.
async function returnShippingOption(container, options) {
  if (options.returnShippingOptionId) return options.returnShippingOptionId;
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({ entity: 'shipping_option', fields: ['id', 'rules.*'] });
  const found = data.find((option) => (option.rules || []).some(
    (rule) => rule.attribute === 'is_return' && String(rule.value) === 'true'));
  return found ? found.id : null;
}

async function makeReturn(container, options, order, subject, units) {
  const shipping = await returnShippingOption(container, options);
  if (!shipping) throw new Error('Medusa has no return shipping option (rule is_return); set returnShippingOptionId');
  const location = options.locationId ||
    ((order.fulfillments || []).find((f) => f.location_id) || {}).location_id;
  const input = {
    order_id: order.id,
    items: units.map((unit) => ({ ...unit, metadata: { reclaim_case: subject.number } })),
    note: `${subject.number} (Reclaim)`,
    receive_now: false, // Medusa 2.21 receives every unit of every line when asked to at once
  };
  if (location) input.location_id = location;
  input.return_shipping = { option_id: shipping };
  const { result } = await createAndCompleteReturnOrderWorkflow(container).run({ input });
  await receiveAndCompleteReturnOrderWorkflow(container).run({
    input: { return_id: result.id, items: units },
  });
  return result.id;
}

async function refund(container, options, request) {
  const paymentId = request.path.split('/')[3]; // /admin/payments/{id}/refund
  const input = { payment_id: paymentId, amount: request.body.amount, note: request.body.note };
  if (options.refundReasonId) input.refund_reason_id = options.refundReasonId;
  await refundPaymentWorkflow(container).run({ input });
}

// The refund as Reclaim's "medusa" host payload gives it. An order imported before its payment
// was captured has no payment to refund yet: imported again as Medusa has it now, and asked once
// more.
async function refundPayload(container, engine, options, subject, order) {
  try {
    return await engine.hostPayload(subject.id, 'medusa');
  } catch (error) {
    if (error.code !== 'not_allowed') throw error;
  }
  await importOrder(container, engine, options, order.id);
  try {
    return await engine.hostPayload(subject.id, 'medusa');
  } catch (error) {
    if (error.code !== 'not_allowed') throw error;
    return { skipped: error.message };
  }
}

/**
 * Carries out one accepted case. Returns what it did: "fulfilled", or "skipped" with why
 * (nothing Medusa can pay, the order is not Medusa's, the case moved on).
 */
async function carryOut(container, engine, options, caseRef) {
  let subject = await engine.getCase(caseRef);
  if (subject.state !== 'accepted') return { outcome: 'skipped', why: `state ${subject.state}` };
  const orderId = subject.order_id;
  let order = orderId ? await loadOrder(container, orderId) : null;
  if (!order) return { outcome: 'skipped', why: 'no Medusa order' };
  const payload = await refundPayload(container, engine, options, subject, order);
  if (payload.skipped) return { outcome: 'skipped', why: payload.skipped };
  const units = unitsToRestock(subject);
  let ret = returnOfCase(order, subject.number);
  if (units.length && !ret) {
    await makeReturn(container, options, order, subject, units);
    order = await loadOrder(container, order.id);
    ret = returnOfCase(order, subject.number);
  }
  const request = payload.requests[0];
  let paid = refundOfCase(order, subject.number);
  if (!paid) {
    await refund(container, options, request);
    order = await loadOrder(container, order.id);
    paid = refundOfCase(order, subject.number);
  }
  const reference = [ret && `return ${ret.id}`, paid && `refund ${paid.id}`].filter(Boolean).join(', ');
  subject = await engine.act(subject.id, {
    action: 'fulfil',
    actor: HOST_ACTOR,
    reference,
    expected_version: subject.version,
    idempotency_key: `medusa-fulfil-${subject.id}`,
  });
  return { outcome: 'fulfilled', reference, state: subject.state };
}

module.exports = { carryOut, unitsToRestock };
