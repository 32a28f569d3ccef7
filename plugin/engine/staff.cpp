// The staff desk: one-time links a host signs its staff in with, the sessions they open, and
// the cases a member of staff may see and act on (their shops only, as themselves).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

constexpr std::size_t kSecretBytes = 32;

std::string new_secret() { return base64url_encode(random_bytes(kSecretBytes)); }

// A secret as this engine makes them (43 base64url characters); anything else finds nothing,
// without a look-up.
bool secret_shaped(const std::string &secret) {
  if (secret.size() != 43) return false;
  for (const char c : secret) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

StaffLink Engine::staff_link(const StaffLinkRequest &request) {
  for (std::size_t i = 0; i < request.staff.shops.size(); ++i) {
    if (!shops_.count(request.staff.shops[i])) {
      fail(Status::invalid_argument, "no shop '" + request.staff.shops[i] + "' is configured",
           "staff.shops[" + std::to_string(i) + "]");
    }
  }
  if (request.ttl_s < 1 || request.ttl_s > kStaffLinkMaxTtlS) {
    fail(Status::invalid_argument, "between 1 and 600 seconds", "ttl_s");
  }
  if (!is_staff_path(request.next)) {
    fail(Status::invalid_argument, "a path under /staff/ of this endpoint", "next");
  }
  const UnixMs at = now();
  const std::string secret = new_secret();
  StaffLink link{"/staff/enter?t=" + secret, at + request.ttl_s * 1000};
  store_->write([&](Tx &tx) {
    tx.purge_staff(at);
    tx.put_staff_link(sha256_hex(secret), request.staff, request.next, at, link.expires_at);
  });
  log_->info("staff link for {} ({}), valid {} s", request.staff.id, name(request.staff.role),
             request.ttl_s);
  return link;
}

std::optional<StaffEntry> Engine::staff_enter(const std::string &link_secret) {
  if (!secret_shaped(link_secret)) return std::nullopt;
  const UnixMs at = now();
  std::optional<StaffEntry> entry;
  store_->write([&](Tx &tx) {
    entry.reset();
    auto used = tx.use_staff_link(sha256_hex(link_secret), at);
    if (!used) return;
    entry = open_staff_session(tx, std::move(used->first), std::move(used->second), at);
  });
  if (!entry) return std::nullopt;
  log_->info("staff {} signed in", entry->session.staff.id);
  return entry;
}

StaffEntry Engine::open_staff_session(Tx &tx, StaffMember staff, std::string next, UnixMs at) {
  StaffEntry made;
  made.secret = new_secret();
  made.next = std::move(next);
  made.session.staff = std::move(staff);
  made.session.created_at = at;
  made.session.last_seen_at = at;
  tx.put_staff_session(sha256_hex(made.secret), made.session);
  made.session.csrf = sign("staff-csrf", made.secret);
  return made;
}

std::optional<StaffSession> Engine::staff_session(const std::string &secret) {
  if (!secret_shaped(secret)) return std::nullopt;
  const std::string hash = sha256_hex(secret);
  const UnixMs at = now();
  std::optional<StaffSession> session;
  store_->read([&](Tx &tx) { session = tx.staff_session(hash); });
  if (!session) return std::nullopt;
  if (!session->live(at)) {
    store_->write([&](Tx &tx) { tx.delete_staff_session(hash); });
    return std::nullopt;
  }
  if (at - session->last_seen_at >= kStaffTouchEveryMs) {
    store_->write([&](Tx &tx) { tx.touch_staff_session(hash, at); });
    session->last_seen_at = at;
  }
  session->csrf = sign("staff-csrf", secret);
  return session;
}

void Engine::staff_sign_out(const std::string &secret) {
  if (!secret_shaped(secret)) return;
  store_->write([&](Tx &tx) { tx.delete_staff_session(sha256_hex(secret)); });
}

CaseRecord Engine::staff_case(const StaffMember &staff, const std::string &case_ref) {
  CaseRecord result;
  store_->read([&](Tx &tx) {
    std::optional<Case> found;
    if (case_ref.rfind("c_", 0) == 0) {
      found = tx.case_by_id(case_ref);
    } else {
      for (const auto &id : shop_order_) {
        if (staff.sees(id) && (found = tx.case_by_number(id, case_ref))) break;
      }
    }
    if (!found || !staff.sees(found->shop)) fail(Status::not_found, "no case '" + case_ref + "'");
    auto history = tx.history(found->id);
    result = record_of(std::move(*found), std::move(history));
  });
  return result;
}

CasePage Engine::staff_cases(const StaffMember &staff, CaseQuery query) {
  if (!staff.sees(query.shop) || !shops_.count(query.shop)) {
    fail(Status::not_found, "no shop '" + query.shop + "' for this member of staff", "shop");
  }
  query.now = now();
  CasePage page;
  store_->read([&](Tx &tx) {
    if (query.at_risk) query.at_risk_ms = at_risk_ms(tx, query.shop, query.now);
    page = page_of(tx, query);
  });
  return page;
}

template <typename Page>
QueueSnapshot<Page> Engine::queue_snapshot(const StaffMember &staff, CaseQuery query,
                                           Page page(Tx &, const CaseQuery &)) {
  if (!staff.sees(query.shop) || !shops_.count(query.shop)) {
    fail(Status::not_found, "no shop '" + query.shop + "' for this member of staff", "shop");
  }
  query.now = now();
  QueueSnapshot<Page> queue;
  store_->read([&](Tx &tx) {
    queue.at_risk_ms = at_risk_ms(tx, query.shop, query.now);
    query.at_risk_ms = query.at_risk ? queue.at_risk_ms : 0;
    queue.page = page(tx, query);
    queue.counts = tx.case_counts(query);
  });
  return queue;
}

StaffQueue Engine::staff_queue(const StaffMember &staff, CaseQuery query) {
  return queue_snapshot(staff, std::move(query), &Engine::page_of);
}

StaffQueueRows Engine::staff_queue_rows(const StaffMember &staff, CaseQuery query) {
  return queue_snapshot(staff, std::move(query), &Engine::row_page_of);
}

UnixMs Engine::staff_at_risk_ms(const std::string &shop_id) {
  shop(shop_id);
  const UnixMs at = now();
  UnixMs window = 0;
  store_->read([&](Tx &tx) { window = at_risk_ms(tx, shop_id, at); });
  return window;
}

UnixMs Engine::at_risk_ms(Tx &tx, const std::string &shop_id, UnixMs at) const {
  int hours = 0;
  for (const int each : policy_at(tx, shop_id, at)->warn_before_hours) {
    hours = std::max(hours, each);
  }
  return hours * kMsPerHour;
}

CaseRecord Engine::staff_act(const StaffMember &staff, const std::string &case_ref,
                             ActionRequest request, const std::string &request_hash) {
  const CaseRecord found = staff_case(staff, case_ref);
  request.actor = Actor{staff.role, staff.id};
  return act(found.subject.id, request, request_hash);
}

CaseRecord Engine::staff_open(const StaffMember &staff, OpenRequest request,
                              const std::string &request_hash) {
  if (!staff.sees(request.shop) || !shops_.count(request.shop)) {
    fail(Status::not_found, "no shop '" + request.shop + "' for this member of staff", "shop");
  }
  request.actor = Actor{staff.role, staff.id};
  return open_case(request, request_hash);
}

std::optional<Order> Engine::staff_order(const StaffMember &staff, const std::string &shop_id,
                                         const std::string &number) {
  if (!staff.sees(shop_id) || !shops_.count(shop_id)) {
    fail(Status::not_found, "no shop '" + shop_id + "' for this member of staff", "shop");
  }
  const std::string wanted(trim(number));
  std::optional<Order> found;
  store_->read([&](Tx &tx) {
    found = tx.order_by_number(shop_id, wanted);
    if (!found) found = tx.order(shop_id, wanted);
  });
  return found;
}

}  // namespace reclaim
