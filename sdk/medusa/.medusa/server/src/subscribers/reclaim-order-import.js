'use strict';
// Keeps Reclaim's copy of each order current: imported when placed, imported again when it is
// fulfilled, shipped, delivered, completed or cancelled (the delivery date starts the statutory
// periods). Reclaim refuses a document it cannot read, naming the field, and stores nothing.

const { pluginOptions } = require('../lib/options');
const { reclaimEngine } = require('../lib/engine');
const { importOrder, orderOfFulfillment } = require('../lib/medusa-order');

const ORDER_EVENTS = ['order.placed', 'order.updated', 'order.completed', 'order.canceled'];
const FULFILLMENT_EVENTS = ['shipment.created', 'delivery.created'];

async function orderIdOf(container, name, data) {
  if (data.order_id) return data.order_id;
  if (FULFILLMENT_EVENTS.includes(name)) return orderOfFulfillment(container, data.id);
  return data.id;
}

exports.default = async function reclaimOrderImport({ event, container }) {
  const logger = container.resolve('logger');
  let orderId = null;
  try {
    orderId = await orderIdOf(container, event.name, event.data || {});
    if (!orderId) return;
    const options = pluginOptions(container);
    const engine = await reclaimEngine(options);
    await importOrder(container, engine, options, orderId);
  } catch (error) {
    logger.error(`[reclaim] order ${orderId || '?'} not imported after ${event.name}: ${error.message}` +
                 (error.field ? ` (field ${error.field})` : ''));
  }
};

exports.config = { event: [...ORDER_EVENTS, 'order.fulfillment_created', ...FULFILLMENT_EVENTS] };
