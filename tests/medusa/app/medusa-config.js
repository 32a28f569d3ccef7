// The test shop: Medusa on the PostgreSQL database tests/medusa/run.sh starts, no Redis, no
// admin build; Reclaim on an SQLite file beside it, for a Polish shop.
const { loadEnv, defineConfig } = require('@medusajs/framework/utils');

loadEnv(process.env.NODE_ENV || 'production', process.cwd());

module.exports = defineConfig({
  admin: { disable: true },
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: 'http://127.0.0.1', adminCors: 'http://127.0.0.1', authCors: 'http://127.0.0.1',
      jwtSecret: process.env.JWT_SECRET, cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  plugins: [{
    resolve: '@reclaim/medusa',
    options: {
      reclaim: {
        database: `sqlite:${process.env.RECLAIM_DATABASE}`,
        secret_env: 'RECLAIM_SECRET',
        shops: [{
          id: 'default', name: 'Sklep testowy', jurisdiction: 'PL', timezone: 'Europe/Warsaw',
          currency: 'PLN', locale: 'pl', public_url: `${process.env.SHOP_URL}/reclaim`,
        }],
      },
      staffRole: 'supervisor',
      // The benchmark lifts the endpoint's per-address limits: all its requests come from 127.0.0.1.
      http: JSON.parse(process.env.RECLAIM_HTTP_OPTIONS || '{}'),
    },
  }],
});
