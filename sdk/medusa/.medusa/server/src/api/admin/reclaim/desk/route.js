'use strict';
// GET /admin/reclaim/desk: a one-time link to Reclaim's staff desk for the signed-in Medusa
// admin user, who works there under the plugin's staffRole. JSON { url, expires_at } for a
// bearer-token client; with ?go=1 (a link in the admin, sent with its session cookie) a 303
// straight to the desk. ?next=/staff/cases/RC-… opens that page.

const { Modules } = require('@medusajs/framework/utils');
const { pluginOptions, BASE_PATH } = require('../../../../lib/options');
const { reclaimEngine } = require('../../../../lib/engine');

const LOCALES = ['pl', 'en', 'ru'];

exports.GET = async (req, res) => {
  const options = pluginOptions(req.scope);
  const engine = await reclaimEngine(options);
  const users = req.scope.resolve(Modules.USER);
  const user = await users.retrieveUser(req.auth_context.actor_id);
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email;
  const locale = String(req.query.lang || '').slice(0, 2);
  const staff = { id: user.email || user.id, name, role: options.staffRole, shops: [options.shop] };
  if (LOCALES.includes(locale)) staff.locale = locale;
  const request = { staff };
  if (typeof req.query.next === 'string') request.next = req.query.next;
  try {
    const link = await engine.staffLink(request);
    const url = BASE_PATH + link.path;
    if (req.query.go) res.redirect(303, url);
    else res.json({ url, expires_at: link.expires_at });
  } catch (error) {
    if (error.code !== 'invalid_argument') throw error;
    res.status(400).json({ type: 'invalid_data', message: error.message, field: error.field });
  }
};
