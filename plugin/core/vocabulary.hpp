// The closed sets of words the contract uses: states, roles, actions, kinds, reasons, ….
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace reclaim {

enum class Kind { complaint, return_ };
enum class Role { customer, agent, supervisor, host, system };
enum class State {
  received,
  in_review,
  waiting_for_customer,
  waiting_for_goods,
  goods_received,
  accepted,
  rejected,
  resolved,
  closed,
  cancelled,
};
enum class Action {
  review,
  request_info,
  reply,
  authorize_return,
  receive_goods,
  accept,
  reject,
  fulfil,
  close,
  reopen,
  cancel,
  rate,
  assign,
  escalate,
  comment,
  set_priority,
  tag,
  renew_link,
  legal_hold,
  claim_supplier,
  supplier_answer,
};
enum class ResolutionType {
  refund,
  partial_refund,
  replacement,
  repair,
  price_reduction,
  store_credit,
  exchange,
  discount_code,
};

inline constexpr std::string_view kKindNames[] = {"complaint", "return"};
inline constexpr std::string_view kRoleNames[] = {"customer", "agent", "supervisor", "host",
                                                  "system"};
inline constexpr std::string_view kStateNames[] = {
    "received", "in_review", "waiting_for_customer", "waiting_for_goods", "goods_received",
    "accepted", "rejected",  "resolved",             "closed",            "cancelled"};
inline constexpr std::string_view kActionNames[] = {
    "review", "request_info", "reply",  "authorize_return", "receive_goods", "accept",
    "reject", "fulfil",       "close",  "reopen",           "cancel",        "rate",
    "assign", "escalate",     "comment", "set_priority",    "tag",
    "renew_link", "legal_hold", "claim_supplier", "supplier_answer"};

inline constexpr std::string_view kReasons[] = {
    "defect",       "transport_damage", "not_as_described", "wrong_item",
    "missing_parts", "late_delivery",   "changed_mind",     "no_longer_needed",
    "better_price", "size_or_fit",      "other"};
inline constexpr std::string_view kResolutions[] = {
    "refund", "partial_refund", "replacement", "repair", "price_reduction",
    "store_credit", "exchange", "discount_code"};
static_assert(std::size(kResolutions) == static_cast<std::size_t>(ResolutionType::discount_code) + 1);
inline constexpr std::string_view kChannels[] = {"web",    "email",       "phone", "chat",
                                                 "social", "marketplace", "store", "api"};
inline constexpr std::string_view kConditions[] = {"as_new", "opened", "used", "damaged",
                                                   "incomplete", "not_received"};
// What becomes of goods received back (CONTRACT §7), for the host's stock.
inline constexpr std::string_view kDispositions[] = {"restock", "quarantine", "scrap", "repair",
                                                     "return_to_supplier"};
// A supplier's answer to the shop's claim (CONTRACT §7).
inline constexpr std::string_view kSupplierAnswers[] = {"accepted", "rejected"};
inline constexpr std::string_view kPriorities[] = {"low", "normal", "high", "urgent"};
inline constexpr std::string_view kCustomerTypes[] = {"consumer", "sole_trader", "business"};
inline constexpr std::string_view kLocales[] = {"pl", "en", "ru"};

template <typename E, std::size_t N>
constexpr std::string_view name_of(E value, const std::string_view (&names)[N]) {
  return names[static_cast<std::size_t>(value)];
}

template <typename E, std::size_t N>
std::optional<E> parse_word(std::string_view text, const std::string_view (&names)[N]) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

bool is_one_of(std::string_view text, std::span<const std::string_view> words);
// "a, b or c": for messages that tell the caller what would have been accepted.
std::string list_words(std::span<const std::string_view> words);

inline std::string_view name(Kind v) { return name_of(v, kKindNames); }
inline std::string_view name(Role v) { return name_of(v, kRoleNames); }
inline std::string_view name(State v) { return name_of(v, kStateNames); }
inline std::string_view name(Action v) { return name_of(v, kActionNames); }
inline std::string_view name(ResolutionType v) { return name_of(v, kResolutions); }

}  // namespace reclaim
