'use strict';
// Every few seconds: the shop's accepted cases that give money back are carried out in Medusa
// (lib/carry-out.js). Accepted cases Medusa cannot carry out (a replacement, a repair) stay for
// the staff, who fulfil them on the desk; each is reported once.

const { pluginOptions } = require('../lib/options');
const { reclaimEngine } = require('../lib/engine');
const { carryOut } = require('../lib/carry-out');

const reported = new Set();

exports.default = async function reclaimCarryOut(container) {
  const logger = container.resolve('logger');
  const options = pluginOptions(container);
  if (!options.carryOut) return;
  const engine = await reclaimEngine(options);
  const { cases } = await engine.listCases({ shop: options.shop, state: 'accepted', limit: 100 });
  for (const { id, number } of cases) {
    try {
      const done = await carryOut(container, engine, options, id);
      if (done.outcome === 'fulfilled') {
        logger.info(`[reclaim] ${number} carried out in Medusa: ${done.reference}`);
      } else if (!reported.has(id)) {
        reported.add(id);
        logger.info(`[reclaim] ${number} left for the staff: ${done.why}`);
      }
    } catch (error) {
      logger.error(`[reclaim] ${number} not carried out: ${error.message}`);
    }
  }
};

exports.config = { name: 'reclaim-carry-out', schedule: { interval: 3000 } };
