// The engine as the customer pages and API see it: signed status tokens, lookups that answer the
// same whichever detail is wrong, a case as its customer may see it, and attachments.
#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "engine/content_check.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

bool customer_may(Action action, const Case &c) {
  if (!role_may(action, Role::customer) || !state_allows(action, c.state)) return false;
  if (action == Action::rate && c.rating) return false;
  return true;
}

}  // namespace

const ShopConfig &Engine::shop_config(const std::string &id) const { return shop(id).config; }

std::string Engine::sign(std::string_view purpose, std::string_view message) const {
  std::string input(purpose);
  input += ':';
  input += message;
  return base64url_encode(hmac_sha256(keys_.current.secret, input));
}

std::optional<StatusLink> Engine::read_status_token(const std::string &token,
                                                    const std::string &shop_id) const {
  return reclaim::read_status_token(keys_, token, shop_id);
}

bool Engine::status_link_current(const StatusLink &link) {
  std::optional<std::pair<std::string, std::int64_t>> stored;
  store_->read([&](Tx &tx) { stored = tx.case_link(link.case_id); });
  // A first-format link names no shop and no version: it stands for version 0 of its case, and
  // the shop is the case's own.
  return stored && stored->first == link.shop && stored->second == link.version;
}

std::optional<std::string> Engine::case_of_token(const std::string &token,
                                                 const std::string &shop_id) {
  const auto link = read_status_token(token, shop_id);
  if (!link || !status_link_current(*link)) return std::nullopt;
  return link->case_id;
}

std::optional<std::string> Engine::lookup_case(const std::string &shop_id,
                                               const std::string &number,
                                               const std::string &email) {
  shop(shop_id);
  const std::string wanted(trim(number));
  std::optional<Case> found;
  store_->read([&](Tx &tx) { found = tx.case_by_number(shop_id, wanted); });
  // The e-mail is compared even when no case matched, so both failures take the same path.
  const bool match = found && same_email(found->customer.email, trim(email));
  if (!match) return std::nullopt;
  return status_token(*found);
}

std::optional<Order> Engine::customer_order(const std::string &shop_id, const std::string &number,
                                            const std::string &email) {
  shop(shop_id);
  const std::string wanted(trim(number));
  std::optional<Order> found;
  store_->read([&](Tx &tx) {
    found = tx.order_by_number(shop_id, wanted);
    if (!found) found = tx.order(shop_id, wanted);
  });
  if (!found || !same_email(found->customer.email, trim(email))) return std::nullopt;
  return found;
}

ClaimedQty Engine::claimed_quantities(const std::string &shop_id, const std::string &order_id) {
  ClaimedQty claimed;
  store_->read([&](Tx &tx) { claimed = tx.claimed_qty(shop_id, order_id); });
  return claimed;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Engine::customer_view_stamp(
    const std::string &case_id) {
  std::optional<std::pair<std::int64_t, std::int64_t>> stamp;
  store_->read([&](Tx &tx) { stamp = tx.case_stamp(case_id); });
  return stamp;
}

std::optional<std::int64_t> Engine::change_mark() { return store_->change_mark(); }

CustomerView Engine::customer_view(const std::string &case_id) {
  std::optional<Case> found;
  CustomerView view;
  store_->read([&](Tx &tx) {
    found = tx.case_by_id(case_id);
    if (!found) return;
    for (auto &entry : tx.history(case_id)) {
      if (entry.customer_visible) view.history.push_back(std::move(entry));
    }
    view.attachments = tx.attachments(case_id);
  });
  if (!found) fail(Status::not_found, "no such case");
  for (Action action : {Action::reply, Action::cancel, Action::reopen, Action::rate}) {
    if (customer_may(action, *found)) view.actions.push_back(action);
  }
  view.timezone = shop(found->shop).config.timezone;
  view.subject = std::move(*found);
  return view;
}

std::string Engine::judge_attachment(const std::string &bytes) {
  return reclaim::judge_attachment(*magic_, bytes);
}

Attachment Engine::prepare_attachment(const std::string &file_name, const std::string &bytes) {
  Attachment file;
  file.content_type = judge_attachment(bytes);
  file.id = "a_" + hex_encode(random_bytes(10));
  file.name = file_name.substr(0, 200);
  file.size = static_cast<std::int64_t>(bytes.size());
  file.sha256 = sha256_hex(bytes);
  file.data = bytes;
  file.created_at = now();
  return file;
}

void Engine::keep_attachments(Tx &tx, const Case &subject, State state,
                              const std::vector<Attachment> &files) {
  check_accepts_attachments(state);
  std::int64_t adding = 0;
  for (const auto &file : files) adding += file.size;
  const auto [held, bytes] = tx.attachment_usage(subject.id);
  check_attachment_quota(shop(subject.shop).config.attachments, held, bytes,
                         static_cast<std::int64_t>(files.size()), adding);
  for (auto file : files) {
    file.case_id = subject.id;
    tx.put_attachment(file);
    log_->info("attachment {} ({}, {} bytes) added to case {}", file.id, file.content_type,
               file.size, subject.number);
  }
}

Attachment Engine::add_attachment(const std::string &case_id, const std::string &file_name,
                                  const std::string &bytes) {
  Attachment file = prepare_attachment(file_name, bytes);
  store_->write([&](Tx &tx) {
    const auto found = tx.case_by_id(case_id);
    if (!found) fail(Status::not_found, "no such case");
    keep_attachments(tx, *found, found->state, {file});
  });
  file.case_id = case_id;
  file.data.clear();
  return file;
}

std::optional<Attachment> Engine::attachment(const std::string &case_id, const std::string &id,
                                             bool with_data) {
  std::optional<Attachment> found;
  store_->read([&](Tx &tx) { found = tx.attachment(case_id, id, with_data); });
  return found;
}

CaseGauges Engine::case_gauges() {
  CaseGauges gauges;
  const UnixMs at = now();
  store_->read([&](Tx &tx) {
    gauges.cases_by_state = tx.cases_by_state();
    gauges.overdue = tx.overdue_cases(at);
    gauges.unsent_messages = tx.outbox_counts();
  });
  return gauges;
}

}  // namespace reclaim
