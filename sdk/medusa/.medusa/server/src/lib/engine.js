'use strict';
// One Reclaim engine per Medusa process, opened at first use. It also starts Reclaim's endpoint
// on a free loopback port: requests that Medusa routes to it (api/middlewares.js) run in-process
// through handleHttp, which takes the running endpoint's options, base_path among them, so the
// pages' links point under Medusa's /reclaim. The plugin's "http" options (rate limits, trusted
// proxies, frame-ancestors for the desk) are the endpoint's.

const { Engine } = require('@reclaim/node');
const { BASE_PATH } = require('./options');

let opening = null;

async function open(options) {
  const engine = await Engine.open(options.reclaim);
  try {
    await engine.startHttp({ ...options.http, listen: '127.0.0.1:0', base_path: BASE_PATH, shop: options.shop });
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

/** The engine, opened with these options the first time; a failed opening is tried again. */
function reclaimEngine(options) {
  if (!opening) {
    opening = open(options).catch((error) => {
      opening = null;
      throw error;
    });
  }
  return opening;
}

module.exports = { reclaimEngine };
