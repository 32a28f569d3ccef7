#include "core/outbox.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"

namespace reclaim {

namespace {
constexpr std::string_view kChannelNames[] = {"mail", "webhook"};
constexpr std::string_view kDeliveryNames[] = {"pending", "sent", "failed", "dead"};
constexpr UnixMs kLongestWait = 6LL * 3600 * 1000;
}  // namespace

std::string_view name(Channel channel) { return kChannelNames[static_cast<int>(channel)]; }
std::string_view name(Delivery delivery) { return kDeliveryNames[static_cast<int>(delivery)]; }

Delivery delivery_from_name(std::string_view text, const std::string &field) {
  for (std::size_t i = 0; i < std::size(kDeliveryNames); ++i) {
    if (kDeliveryNames[i] == text) return static_cast<Delivery>(i);
  }
  fail(Status::invalid_argument, "expected pending, sent, failed or dead", field);
}

namespace {

std::string text_of(const boost::json::object &data, std::string_view key) {
  const auto *value = data.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::string actor_role(const Event &event) {
  const auto *actor = event.data.if_contains("actor");
  return actor && actor->is_object() ? text_of(actor->get_object(), "role") : std::string();
}

}  // namespace

std::string_view customer_template(const Event &event, bool withdrawal) {
  if (!event.customer_visible) return {};
  const std::string_view type = event.type;
  if (type == "case.opened") return withdrawal ? "" : "case.acknowledged";
  if (type == "case.withdrawal") return "withdrawal.acknowledged";
  if (type == "case.link_renewed") return "case.link_renewed";
  const std::string action = text_of(event.data, "action");
  if (action == "reply") return {};  // the customer's own words
  if (action == "comment") return "case.message";
  if (action == "request_info") return "case.info_requested";
  if (action == "authorize_return") return "case.return_authorized";
  if (action == "receive_goods") return "case.goods_received";
  if (action == "accept" || action == "reject" || action == "deemed_acceptance") {
    return "case.decided";
  }
  if (action == "fulfil") return "case.resolved";
  if (action == "close") return "case.closed";
  if (action == "reopen") return "case.reopened";
  if (action == "cancel") return "case.cancelled";
  return {};  // review: nothing the customer need do or know by mail
}

std::optional<DocumentType> mail_document(std::string_view template_name) {
  if (template_name == "case.acknowledged") return DocumentType::complaint_receipt;
  if (template_name == "case.decided") return DocumentType::decision_letter;
  if (template_name == "case.return_authorized") return DocumentType::return_slip;
  return std::nullopt;
}

std::string_view staff_template(const Event &event) {
  const std::string_view type = event.type;
  const std::string role = actor_role(event);
  if (type == "case.opened" || type == "case.withdrawal") {
    // Staff who take a case at the desk know of it; a withdrawal is told once, with its statement.
    const bool by_staff = role == "agent" || role == "supervisor";
    if (by_staff || (type == "case.opened" && event.data.contains("withdrawal"))) return {};
    return "staff.case_opened";
  }
  if (type == "case.deadline_at_risk") return "staff.deadline_at_risk";
  if (type == "case.deadline_breached") return "staff.deadline_breached";
  if (role == "customer" && event.customer_visible) {
    const std::string action = text_of(event.data, "action");
    if (action == "reply" || action == "reopen") return "staff.customer_replied";
  }
  return {};
}

bool event_matches(std::string_view pattern, std::string_view type) {
  if (pattern == "*") return true;
  if (pattern.ends_with(".*")) return type.starts_with(pattern.substr(0, pattern.size() - 1));
  return pattern == type;
}

UnixMs retry_delay(int attempt, UnixMs first_retry, double jitter) {
  double wait = static_cast<double>(std::max<UnixMs>(first_retry, 1));
  for (int i = 1; i < attempt && wait < static_cast<double>(kLongestWait); ++i) wait *= 4;
  wait = std::min(wait, static_cast<double>(kLongestWait));
  return static_cast<UnixMs>(std::llround(wait * (0.8 + 0.4 * std::clamp(jitter, 0.0, 1.0))));
}

}  // namespace reclaim
