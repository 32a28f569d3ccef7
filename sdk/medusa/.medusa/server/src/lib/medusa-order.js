'use strict';
// Medusa's order as Reclaim's "medusa" adapter reads it (docs/ADAPTERS.md): the admin API's
// document, read through Medusa's query graph.

const { ContainerRegistrationKeys } = require('@medusajs/framework/utils');

const ORDER_FIELDS = [
  'id', 'display_id', 'status', 'email', 'currency_code', 'created_at', 'customer_id',
  'total', 'subtotal', 'tax_total', 'shipping_total',
  'items.*', 'items.tax_lines.*', 'items.detail.*',
  'customer.*', 'shipping_address.*',
  'fulfillments.*',
  'shipping_methods.*',
  'payment_collections.*', 'payment_collections.payments.*', 'payment_collections.payments.refunds.*',
  'returns.*', 'returns.items.*',
];

/** The order as plain JSON (Medusa's BigNumbers become numbers and { value } raw texts), or null. */
async function loadOrder(container, orderId) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({ entity: 'order', fields: ORDER_FIELDS, filters: { id: orderId } });
  return data.length ? JSON.parse(JSON.stringify(data[0])) : null;
}

/** The order a fulfilment belongs to. */
async function orderOfFulfillment(container, fulfillmentId) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY);
  const { data } = await query.graph({
    entity: 'order', fields: ['id'], filters: { fulfillments: { id: fulfillmentId } },
  });
  return data.length ? data[0].id : null;
}

/** Imports (or imports again) one Medusa order into Reclaim; returns the import's result. */
async function importOrder(container, engine, options, orderId) {
  const order = await loadOrder(container, orderId);
  if (!order) return null;
  return engine.importOrder('medusa', order, options.shop);
}

module.exports = { loadOrder, orderOfFulfillment, importOrder, ORDER_FIELDS };
