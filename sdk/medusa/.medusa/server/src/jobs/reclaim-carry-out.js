'use strict';
// Every few seconds: the shop's accepted cases that give money back are carried out in Medusa
// (lib/carry-out.js). Accepted cases Medusa cannot carry out (a replacement, a repair) stay for
// the staff, who fulfil them on the desk; each is reported once per version.

const { pluginOptions } = require('../lib/options');
const { reclaimEngine } = require('../lib/engine');
const { carryOut } = require('../lib/carry-out');

// A case left for the staff is not looked at again until it changes (its version).
const leftAt = new Map();
let running = false;

async function carryOutAccepted(container, logger, options) {
  const engine = await reclaimEngine(options);
  const { cases } = await engine.listCases({ shop: options.shop, state: 'accepted', limit: 100 });
  for (const { id, number, version } of cases) {
    if (leftAt.get(id) === version) continue;
    try {
      const done = await carryOut(container, engine, options, id);
      if (done.outcome === 'fulfilled') {
        leftAt.delete(id);
        logger.info(`[reclaim] ${number} carried out in Medusa: ${done.reference}`);
      } else {
        leftAt.set(id, version);
        logger.info(`[reclaim] ${number} left for the staff: ${done.why}`);
      }
    } catch (error) {
      logger.error(`[reclaim] ${number} not carried out: ${error.message}`);
    }
  }
}

exports.default = async function reclaimCarryOut(container) {
  const logger = container.resolve('logger');
  const options = pluginOptions(container);
  if (!options.carryOut || running) return; // a slow run is not overtaken by the next one
  running = true;
  try {
    await carryOutAccepted(container, logger, options);
  } finally {
    running = false;
  }
};

exports.config = { name: 'reclaim-carry-out', schedule: { interval: 3000 } };
