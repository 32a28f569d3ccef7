'use strict';
// Everything under /reclaim goes to Reclaim: a storefront path outside /store, so that a
// customer's browser reaches the pages without Medusa's publishable key, and without Medusa's
// body parsers (Reclaim reads forms, uploads and JSON itself, within its own limits).

const { defineMiddlewares } = require('@medusajs/framework/http');
const { pluginOptions } = require('../lib/options');
const { reclaimEngine } = require('../lib/engine');
const { forward } = require('../lib/forward-http');

// A status token in a path is the customer's key to the case: never logged.
const loggable = (path) => path.replace(/\/c\/[^/]+/, '/c/…');

async function reclaimPages(req, res) {
  const logger = req.scope.resolve('logger');
  try {
    const engine = await reclaimEngine(pluginOptions(req.scope));
    await forward(engine, req, res);
  } catch (error) {
    logger.error(`[reclaim] ${req.method} ${loggable(req.originalUrl.split('?')[0])}: ${error.message}`);
    if (res.headersSent) return;
    if (error.status === 413) res.status(413).type('text/plain').send('Request body too large');
    else if (error.code === 'invalid_argument') res.status(400).type('text/plain').send('Bad request');
    else res.status(503).type('text/plain').send('Complaints and returns are unavailable');
  }
}

exports.default = defineMiddlewares({
  routes: [
    { matcher: '/reclaim', bodyParser: false, middlewares: [reclaimPages] },
    { matcher: '/reclaim/*', bodyParser: false, middlewares: [reclaimPages] },
  ],
});
