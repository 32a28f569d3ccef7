// reclaimd's staff accounts: one row per login with its password's Argon2id hash (never the
// password) and its lockout state.
#include <soci/soci.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

#define RECLAIM_ACCOUNT_COLUMNS                                                                 \
  "SELECT id, name, role, shops, locale, password_hash, disabled, failed_logins, locked_until," \
  " created_at, changed_at FROM staff_accounts"

std::string shops_text(const std::vector<std::string> &shops) {
  boost::json::array array;
  for (const auto &shop : shops) array.emplace_back(shop);
  return boost::json::serialize(array);
}

std::vector<std::string> shops_of(const std::string &text) {
  std::vector<std::string> shops;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto &shop : parsed.as_array()) {
    shops.emplace_back(shop.as_string());
  }
  return shops;
}

StaffAccount account_of(const soci::row &row) {
  StaffAccount account;
  account.staff.id = row.get<std::string>(0);
  account.staff.name = row.get<std::string>(1);
  const auto role = parse_word<Role>(row.get<std::string>(2), kRoleNames);
  if (!role) fail(Status::storage, "a staff account with an unknown role");
  account.staff.role = *role;
  account.staff.shops = shops_of(row.get<std::string>(3));
  account.staff.locale = row.get<std::string>(4);
  account.password_hash = row.get<std::string>(5);
  account.disabled = integer_at(row, 6) != 0;
  account.failed_logins = static_cast<int>(integer_at(row, 7));
  account.locked_until = integer_at(row, 8);
  account.created_at = integer_at(row, 9);
  account.changed_at = integer_at(row, 10);
  return account;
}

}  // namespace

void Tx::put_staff_account(const StaffAccount &account) {
  if (staff_account(account.staff.id)) {
    fail(Status::conflict, "an account with this login exists already", "staff.id");
  }
  const std::string role(name(account.staff.role));
  const std::string shops = shops_text(account.staff.shops);
  const int disabled = account.disabled ? 1 : 0, failed = account.failed_logins;
  const long long locked = account.locked_until, created = account.created_at,
                  changed = account.changed_at;
  sql_ << "INSERT INTO staff_accounts (id, name, role, shops, locale, password_hash, disabled,"
          " failed_logins, locked_until, created_at, changed_at) VALUES (:id, :name, :role,"
          " :shops, :locale, :hash, :disabled, :failed, :locked, :created, :changed)",
      soci::use(account.staff.id), soci::use(account.staff.name), soci::use(role), soci::use(shops),
      soci::use(account.staff.locale), soci::use(account.password_hash), soci::use(disabled),
      soci::use(failed), soci::use(locked), soci::use(created), soci::use(changed);
}

std::optional<StaffAccount> Tx::staff_account(const std::string &id) {
  soci::rowset<soci::row> rows =
      (sql_.prepare << locking(RECLAIM_ACCOUNT_COLUMNS " WHERE id = :id"), soci::use(id));
  for (const auto &row : rows) return account_of(row);
  return std::nullopt;
}

std::vector<StaffAccount> Tx::staff_accounts() {
  std::vector<StaffAccount> accounts;
  soci::rowset<soci::row> rows = (sql_.prepare << RECLAIM_ACCOUNT_COLUMNS " ORDER BY id");
  for (const auto &row : rows) accounts.push_back(account_of(row));
  return accounts;
}

bool Tx::any_staff_account() {
  int count = 0;
  sql_ << "SELECT COUNT(*) FROM (SELECT 1 FROM staff_accounts LIMIT 1) AS one", soci::into(count);
  return count > 0;
}

void Tx::set_staff_password(const std::string &id, const std::string &hash, UnixMs now) {
  const long long at = now;
  sql_ << "UPDATE staff_accounts SET password_hash = :hash, failed_logins = 0, locked_until = 0,"
          " changed_at = :at WHERE id = :id",
      soci::use(hash), soci::use(at), soci::use(id);
}

void Tx::set_staff_disabled(const std::string &id, bool disabled, UnixMs now) {
  const int flag = disabled ? 1 : 0;
  const long long at = now;
  sql_ << "UPDATE staff_accounts SET disabled = :flag, failed_logins = 0, locked_until = 0,"
          " changed_at = :at WHERE id = :id",
      soci::use(flag), soci::use(at), soci::use(id);
}

void Tx::set_staff_login_state(const std::string &id, int failed_logins, UnixMs locked_until) {
  const long long until = locked_until;
  sql_ << "UPDATE staff_accounts SET failed_logins = :failed, locked_until = :until"
          " WHERE id = :id",
      soci::use(failed_logins), soci::use(until), soci::use(id);
}

void Tx::delete_staff_account(const std::string &id) {
  sql_ << "DELETE FROM staff_accounts WHERE id = :id", soci::use(id);
}

int Tx::delete_staff_sessions_of(const std::string &id) {
  int count = 0;
  sql_ << "SELECT COUNT(*) FROM staff_sessions WHERE staff_id = :id", soci::use(id),
      soci::into(count);
  if (count > 0) sql_ << "DELETE FROM staff_sessions WHERE staff_id = :id", soci::use(id);
  return count;
}

}  // namespace reclaim
