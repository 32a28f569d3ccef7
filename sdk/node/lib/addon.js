'use strict';
// Finds and loads reclaim.node: $RECLAIM_NODE_ADDON, else the package's own build/ (the
// standalone CMake build), else the build of the Reclaim source tree this folder sits in.

const fs = require('node:fs');
const path = require('node:path');
const { ReclaimError } = require('./errors');

const root = path.join(__dirname, '..');
const candidates = [
  process.env.RECLAIM_NODE_ADDON,
  path.join(root, 'build', 'reclaim.node'),
  path.join(root, '..', '..', 'build', 'sdk', 'node', 'reclaim.node'),
].filter(Boolean);

// A relative $RECLAIM_NODE_ADDON is taken from the working directory, not from this file.
const found = candidates.map((file) => path.resolve(file)).find((file) => fs.existsSync(file));
if (!found) {
  throw new Error(`reclaim.node not found (looked at ${candidates.join(', ')}); ` +
                  'build it (docs/INTEGRATE-NODE.md) or set RECLAIM_NODE_ADDON');
}
const addon = require(found);
addon.set_error_factory((status, text, fn) => ReclaimError.fromAbi(status, text, fn));
if (addon.abi_version() < addon.ABI_VERSION) {
  throw new Error(`the Reclaim library has ABI ${addon.abi_version()}, ` +
                  `this binding was built for ${addon.ABI_VERSION}`);
}

module.exports = { addon, path: found };
