// The staff desk's links and sessions. Only hashes of their secrets are stored.
#include <soci/soci.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/staff_json.hpp"
#include "core/error.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

StaffMember staff_from_text(const std::string &text) {
  return codec::staff_member_from_json(boost::json::parse(text), "staff");
}

}  // namespace

void Tx::put_staff_link(const std::string &hash, const StaffMember &staff,
                        const std::string &next, UnixMs created_at, UnixMs expires_at) {
  const std::string body = boost::json::serialize(codec::to_json(staff));
  const long long created = created_at, expires = expires_at, unused = 0;
  sql_ << "INSERT INTO staff_links (hash, staff, next, created_at, expires_at, used_at)"
          " VALUES (:hash, :staff, :next, :created, :expires, :used)",
      soci::use(hash), soci::use(body), soci::use(next), soci::use(created), soci::use(expires),
      soci::use(unused);
}

std::optional<std::pair<StaffMember, std::string>> Tx::use_staff_link(const std::string &hash,
                                                                      UnixMs now) {
  std::string body, next;
  long long expires = 0, used = 0;
  soci::indicator found = soci::i_null;
  sql_ << locking("SELECT staff, next, expires_at, used_at FROM staff_links WHERE hash = :hash"),
      soci::use(hash), soci::into(body, found), soci::into(next), soci::into(expires),
      soci::into(used);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  if (used != 0 || expires <= now) return std::nullopt;
  // The link's row is locked since it was read: no other request can take it meanwhile.
  const long long at = now;
  sql_ << "UPDATE staff_links SET used_at = :at WHERE hash = :hash", soci::use(at),
      soci::use(hash);
  return std::make_pair(staff_from_text(body), std::move(next));
}

void Tx::put_staff_session(const std::string &hash, const StaffSession &session) {
  const std::string body = boost::json::serialize(codec::to_json(session.staff));
  const long long created = session.created_at, seen = session.last_seen_at;
  sql_ << "INSERT INTO staff_sessions (hash, staff_id, staff, created_at, last_seen_at)"
          " VALUES (:hash, :id, :staff, :created, :seen)",
      soci::use(hash), soci::use(session.staff.id), soci::use(body), soci::use(created),
      soci::use(seen);
}

std::optional<StaffSession> Tx::staff_session(const std::string &hash) {
  // Read on every request of the desk: a cached statement.
  std::optional<StaffSession> session;
  reads_.query(sql_, "SELECT staff, created_at, last_seen_at FROM staff_sessions WHERE hash = ?",
               "tnn", {hash}, [&](const CachedRow &row) {
                 if (row.null(0)) return;
                 session.emplace();
                 session->staff = staff_from_text(row.text(0));
                 session->created_at = row.number(1);
                 session->last_seen_at = row.number(2);
               });
  return session;
}

void Tx::touch_staff_session(const std::string &hash, UnixMs now) {
  const long long at = now;
  sql_ << "UPDATE staff_sessions SET last_seen_at = :at WHERE hash = :hash AND last_seen_at < :at2",
      soci::use(at), soci::use(hash), soci::use(at);
}

void Tx::delete_staff_session(const std::string &hash) {
  sql_ << "DELETE FROM staff_sessions WHERE hash = :hash", soci::use(hash);
}

void Tx::purge_staff(UnixMs now) {
  const long long at = now;
  const long long idle_before = now - kStaffIdleTimeoutMs;
  const long long begun_before = now - kStaffAbsoluteTimeoutMs;
  sql_ << "DELETE FROM staff_links WHERE expires_at <= :at", soci::use(at);
  sql_ << "DELETE FROM staff_sessions WHERE last_seen_at <= :idle OR created_at <= :begun",
      soci::use(idle_before), soci::use(begun_before);
}

}  // namespace reclaim
