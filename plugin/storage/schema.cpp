#include "storage/schema.hpp"

#include <soci/soci.h>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "storage/canned_replies_table.hpp"
#include "storage/dialect.hpp"
#include "storage/disposition_columns.hpp"
#include "storage/supplier_claims_table.hpp"
#include "storage/privacy_table.hpp"
#include "storage/queue_columns.hpp"
#include "storage/report_columns.hpp"
#include "storage/staff_accounts_table.hpp"
#include "storage/transaction_seq_table.hpp"

namespace reclaim {

namespace {

void migration_1(soci::session &sql, const Dialect &dialect) {
  sql << "CREATE TABLE orders ("
         " shop TEXT NOT NULL, id TEXT NOT NULL, number TEXT NOT NULL,"
         " customer_email TEXT NOT NULL, placed_at BIGINT, body TEXT NOT NULL,"
         " imported_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
         " PRIMARY KEY (shop, id))";
  sql << "CREATE INDEX orders_by_number ON orders (shop, number)";
  sql << "CREATE TABLE order_lines ("
         " shop TEXT NOT NULL, order_id TEXT NOT NULL, line_id TEXT NOT NULL, sku TEXT NOT NULL,"
         " category TEXT NOT NULL, supplier TEXT NOT NULL, qty BIGINT NOT NULL,"
         " refunded_qty BIGINT NOT NULL, PRIMARY KEY (shop, order_id, line_id))";
  sql << "CREATE TABLE case_numbers ("
         " shop TEXT NOT NULL, year INTEGER NOT NULL, last BIGINT NOT NULL,"
         " PRIMARY KEY (shop, year))";
  sql << "CREATE TABLE cases ("
         " id TEXT PRIMARY KEY, shop TEXT NOT NULL, number TEXT NOT NULL, kind TEXT NOT NULL,"
         " state TEXT NOT NULL, version BIGINT NOT NULL, order_id TEXT NOT NULL,"
         " customer_email TEXT NOT NULL, assignee TEXT NOT NULL, created_at BIGINT NOT NULL,"
         " updated_at BIGINT NOT NULL, decision_due BIGINT NOT NULL, decided INTEGER NOT NULL,"
         " body TEXT NOT NULL, UNIQUE (shop, number))";
  sql << "CREATE INDEX cases_by_created ON cases (created_at, id)";
  sql << "CREATE INDEX cases_by_shop_created ON cases (shop, created_at, id)";
  sql << "CREATE INDEX cases_by_updated ON cases (updated_at, id)";
  sql << "CREATE INDEX cases_by_decision_due ON cases (decided, decision_due, id)";
  sql << "CREATE INDEX cases_by_order ON cases (shop, order_id)";
  sql << "CREATE INDEX cases_by_email ON cases (customer_email)";
  sql << "CREATE INDEX cases_by_state ON cases (state, created_at)";
  sql << "CREATE INDEX cases_by_assignee ON cases (assignee, created_at)";
  sql << "CREATE TABLE case_items ("
         " case_id TEXT NOT NULL, item INTEGER NOT NULL, shop TEXT NOT NULL,"
         " order_id TEXT NOT NULL, line_id TEXT NOT NULL, sku TEXT NOT NULL, qty BIGINT NOT NULL,"
         " reason TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (case_id, item))";
  sql << "CREATE INDEX case_items_by_line ON case_items (shop, order_id, line_id)";
  sql << "CREATE TABLE history ("
         " case_id TEXT NOT NULL, seq INTEGER NOT NULL, at BIGINT NOT NULL,"
         " actor_role TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL,"
         " from_state TEXT NOT NULL, to_state TEXT NOT NULL, data TEXT NOT NULL,"
         " customer_visible INTEGER NOT NULL, PRIMARY KEY (case_id, seq))";
  sql << std::string("CREATE TABLE events (seq ") + dialect.serial_key +
             ", type TEXT NOT NULL, case_id TEXT NOT NULL, case_number TEXT NOT NULL,"
             " shop TEXT NOT NULL, at BIGINT NOT NULL, customer_visible INTEGER NOT NULL,"
             " data TEXT NOT NULL)";
  sql << "CREATE INDEX events_by_case ON events (case_id, seq)";
  sql << "CREATE TABLE idempotency ("
         " scope TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,"
         " case_id TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (scope, key))";
  // The signing secret of a database opened without one: made once, here, under the migration
  // lock.
  const std::string secret = hex_encode(random_bytes(32));
  sql << "INSERT INTO meta (key, value) VALUES ('secret', :secret)", soci::use(secret);
}

// Shop policies (dated: one applies from each day), and the deadline alert clock of each case:
// when its next alert falls due and up to when its alerts were sent (so each is sent once).
void migration_2(soci::session &sql) {
  sql << "CREATE TABLE policies ("
         " shop TEXT NOT NULL, applies_from BIGINT NOT NULL, body TEXT NOT NULL,"
         " set_at BIGINT NOT NULL, PRIMARY KEY (shop, applies_from))";
  sql << "ALTER TABLE cases ADD COLUMN next_alert_at BIGINT NOT NULL DEFAULT " +
             std::to_string(kMaxTime);
  sql << "ALTER TABLE cases ADD COLUMN alerts_done_until BIGINT NOT NULL DEFAULT 0";
  // Cases opened before alerts existed are looked at by the next tick.
  sql << "UPDATE cases SET next_alert_at = created_at, alerts_done_until = created_at"
         " WHERE decided = 0";
  sql << "CREATE INDEX cases_by_next_alert ON cases (next_alert_at)";
}

// Orders remember the adapter that imported them and the host data its payloads need.
void migration_3(soci::session &sql) {
  sql << "ALTER TABLE orders ADD COLUMN adapter TEXT NOT NULL DEFAULT 'reclaim'";
  sql << "ALTER TABLE orders ADD COLUMN host TEXT NOT NULL DEFAULT '{}'";
}

// Files customers send with a case (photos, receipts), as base64 text.
void migration_4(soci::session &sql) {
  sql << "CREATE TABLE attachments ("
         " id TEXT PRIMARY KEY, case_id TEXT NOT NULL, name TEXT NOT NULL,"
         " content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,"
         " data TEXT NOT NULL, created_at BIGINT NOT NULL)";
  sql << "CREATE INDEX attachments_by_case ON attachments (case_id, created_at)";
}

// The version of each case's status links (renewing them bumps it): a token names the version it
// was made at and is refused once the case's has moved on. Existing links are at version 0.
void migration_6(soci::session &sql) {
  sql << "ALTER TABLE cases ADD COLUMN link_version BIGINT NOT NULL DEFAULT 0";
}

// The staff desk (migration 7): one-time sign-in links and the sessions they open, kept by the
// SHA-256 of their secrets only, so a copy of the database signs nobody in.
void migration_7(soci::session &sql) {
  sql << "CREATE TABLE staff_links ("
         " hash TEXT PRIMARY KEY, staff TEXT NOT NULL, next TEXT NOT NULL,"
         " created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT NOT NULL)";
  sql << "CREATE INDEX staff_links_by_expiry ON staff_links (expires_at)";
  sql << "CREATE TABLE staff_sessions ("
         " hash TEXT PRIMARY KEY, staff_id TEXT NOT NULL, staff TEXT NOT NULL,"
         " created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)";
  sql << "CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id)";
  sql << "CREATE INDEX staff_sessions_by_seen ON staff_sessions (last_seen_at)";
}

// The message outbox (migration 8): mails and webhook posts, written with their event and kept
// after delivery as the record of what was sent. The sender takes due rows by (status,
// next_attempt_at); hosts read mails by seq.
void migration_8(soci::session &sql, const Dialect &dialect) {
  sql << std::string("CREATE TABLE outbox (seq ") + dialect.serial_key +
             ", id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL, event_seq BIGINT NOT NULL,"
             " event_type TEXT NOT NULL, case_id TEXT NOT NULL, case_number TEXT NOT NULL,"
             " shop TEXT NOT NULL, recipient TEXT NOT NULL, locale TEXT NOT NULL,"
             " template TEXT NOT NULL, subject TEXT NOT NULL, body_text TEXT NOT NULL,"
             " body_html TEXT NOT NULL, headers TEXT NOT NULL, status TEXT NOT NULL,"
             " attempts INTEGER NOT NULL, last_error TEXT NOT NULL, created_at BIGINT NOT NULL,"
             " next_attempt_at BIGINT NOT NULL, lease_owner TEXT NOT NULL,"
             " lease_until BIGINT NOT NULL, sent_at BIGINT NOT NULL)";
  sql << "CREATE INDEX outbox_due ON outbox (status, next_attempt_at)";
  sql << "CREATE INDEX outbox_by_channel ON outbox (channel, seq)";
  sql << "CREATE INDEX outbox_by_case ON outbox (case_id, seq)";
}

// Inbound e-mail (migration 9): every message taken, once per shop and Message-ID (or the
// SHA-256 of the message when it has none), with what became of it. A draft (result 'draft')
// keeps the sender, subject and text for staff, and no files.
void migration_9(soci::session &sql) {
  sql << "CREATE TABLE inbound_mail ("
         " id TEXT PRIMARY KEY, shop TEXT NOT NULL, mail_key TEXT NOT NULL,"
         " result TEXT NOT NULL, reason TEXT NOT NULL, case_id TEXT NOT NULL,"
         " history_seq BIGINT NOT NULL, from_address TEXT NOT NULL, from_name TEXT NOT NULL,"
         " subject TEXT NOT NULL, body TEXT NOT NULL, received_at BIGINT NOT NULL,"
         " raw_size BIGINT NOT NULL, UNIQUE (shop, mail_key))";
  sql << "CREATE INDEX inbound_mail_by_result ON inbound_mail (shop, result, received_at)";
}

}  // namespace

int stored_schema_version(soci::session &sql, const Dialect &dialect) {
  int tables = 0;
  sql << dialect.has_meta_table, soci::into(tables);
  if (tables == 0) return 0;
  std::string version;
  soci::indicator found = soci::i_null;
  sql << "SELECT value FROM meta WHERE key = 'schema_version'", soci::into(version, found);
  return found == soci::i_ok ? std::stoi(version) : 0;
}

int migrate(soci::session &sql, const Dialect &dialect) {
  sql << "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
  const int found = stored_schema_version(sql, dialect);
  if (found >= kSchemaVersion) return found;
  if (found < 1) migration_1(sql, dialect);
  if (found < 2) migration_2(sql);
  if (found < 3) migration_3(sql);
  if (found < 4) migration_4(sql);
  if (found < 5) add_report_columns(sql);  // migration 5: what reports read
  if (found < 6) migration_6(sql);
  if (found < 7) migration_7(sql);
  if (found < 8) migration_8(sql, dialect);
  if (found < 9) migration_9(sql);
  if (found < kQueueMigration) add_queue_columns(sql);  // the staff queue (queue_columns.cpp)
  if (found < kStaffAccountsMigration) add_staff_accounts(sql);  // staff_accounts_table.cpp
  if (found < kCannedRepliesMigration) add_canned_replies(sql);  // canned_replies_table.cpp
  if (found < kPrivacyMigration) add_privacy_tables(sql);         // privacy_table.cpp
  if (found < kTransactionSeqMigration) number_seq_by_transaction(sql, dialect);
  if (found < kQueueStateMigration) add_queue_state_index(sql);  // queue_columns.cpp
  if (found < kDispositionMigration) add_disposition_columns(sql);  // disposition_columns.cpp
  if (found < kSupplierClaimsMigration) add_supplier_claims_table(sql);  // supplier_claims_table.cpp
  if (found < kQueueRowMigration) add_queue_row_columns(sql);  // queue_columns.cpp
  const std::string version = std::to_string(kSchemaVersion);
  if (found == 0) {
    sql << "INSERT INTO meta (key, value) VALUES ('schema_version', :v)", soci::use(version);
  } else {
    sql << "UPDATE meta SET value = :v WHERE key = 'schema_version'", soci::use(version);
  }
  return kSchemaVersion;
}

}  // namespace reclaim
