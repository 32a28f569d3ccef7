'use strict';
// The plugin's options, as medusa-config gives them:
//   plugins: [{ resolve: "@reclaim/medusa", options: { reclaim: { database: "…", shops: […] }, … } }]
// Medusa hands options to plugin modules only, so routes, subscribers and jobs read them from
// the configuration in the container.

const path = require('node:path');

const PACKAGE_JSON = path.resolve(__dirname, '..', '..', '..', '..', 'package.json');
const BASE_PATH = '/reclaim'; // fixed: api/middlewares.js routes it, and Medusa reads that file alone
const ROLES = ['agent', 'supervisor'];

const DEFAULTS = {
  shop: 'default',
  staffRole: 'supervisor',
  carryOut: true,
  locationId: null,
  returnShippingOptionId: null,
  refundReasonId: null,
  http: {},
};

function isThisPlugin(entry, root) {
  const resolve = typeof entry === 'string' ? entry : entry && entry.resolve;
  if (typeof resolve !== 'string') return false;
  try {
    return require.resolve(path.join(resolve, 'package.json'), { paths: [root] }) === PACKAGE_JSON;
  } catch {
    return false;
  }
}

function check(options) {
  const problems = [];
  if (!options.reclaim || typeof options.reclaim !== 'object') {
    problems.push('"reclaim" must be the configuration reclaim_open takes (docs/api/open-config.schema.json)');
  }
  if (typeof options.shop !== 'string' || !options.shop) problems.push('"shop" must be a shop id');
  if (!ROLES.includes(options.staffRole)) problems.push(`"staffRole" must be one of ${ROLES.join(', ')}`);
  if (typeof options.carryOut !== 'boolean') problems.push('"carryOut" must be true or false');
  if (!options.http || typeof options.http !== 'object' || Array.isArray(options.http)) {
    problems.push('"http" must be the endpoint\'s options (docs/api/http-start-options.schema.json)');
  }
  for (const key of ['locationId', 'returnShippingOptionId', 'refundReasonId']) {
    if (options[key] !== null && typeof options[key] !== 'string') problems.push(`"${key}" must be an id`);
  }
  if (problems.length) throw new Error(`@reclaim/medusa: ${problems.join('; ')}`);
  return options;
}

// Read once per configuration: every request to the pages asks for them.
const checked = new WeakMap();

/** This plugin's options, checked, with their defaults. */
function pluginOptions(container) {
  const config = container.resolve('configModule');
  if (!checked.has(config)) {
    const root = process.cwd();
    const entry = (config.plugins || []).find((plugin) => isThisPlugin(plugin, root));
    const given = entry && typeof entry === 'object' ? entry.options || {} : {};
    checked.set(config, check({ ...DEFAULTS, ...given }));
  }
  return checked.get(config);
}

module.exports = { pluginOptions, BASE_PATH };
