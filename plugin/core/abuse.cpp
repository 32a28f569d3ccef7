#include "core/abuse.hpp"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "core/crypto.hpp"
#include "core/eligibility.hpp"

namespace reclaim {

namespace {

// The lower-case letter of a code point in the Latin-1, Latin Extended-A and Cyrillic blocks
// (the letters of Polish, Russian and most EU addresses); any other code point as it is.
char32_t lower_letter(char32_t c) {
  if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // А–Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;  // Ѐ–Џ
  const bool even_pairs = (c >= 0x100 && c <= 0x137 && c != 0x130) || (c >= 0x14A && c <= 0x177);
  if (even_pairs && c % 2 == 0) return c + 1;
  const bool odd_pairs = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
  if (odd_pairs && c % 2 == 1) return c + 1;
  return c;
}

void append_utf8(std::string &out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// An address part as it compares however typed: letters lower-cased, trimmed, inner runs of
// spaces as one. Two-byte and three-byte UTF-8 sequences are decoded; anything else (four-byte
// sequences, stray bytes) is kept byte for byte.
std::string normalised(std::string_view part) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < part.size();) {
    const auto byte = static_cast<unsigned char>(part[i]);
    if (byte == ' ' || byte == '\t' || byte == '\r' || byte == '\n') {
      space = !out.empty();
      ++i;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    const auto next = [&](std::size_t at) {
      return at < part.size() && (static_cast<unsigned char>(part[at]) & 0xC0) == 0x80
                 ? static_cast<char32_t>(static_cast<unsigned char>(part[at]) & 0x3F)
                 : char32_t(0xFFFFFFFF);
    };
    if (byte < 0x80) {
      append_utf8(out, lower_letter(byte));
      i += 1;
    } else if ((byte & 0xE0) == 0xC0 && next(i + 1) != 0xFFFFFFFF) {
      append_utf8(out, lower_letter((char32_t(byte & 0x1F) << 6) | next(i + 1)));
      i += 2;
    } else if ((byte & 0xF0) == 0xE0 && next(i + 1) != 0xFFFFFFFF && next(i + 2) != 0xFFFFFFFF) {
      append_utf8(out,
                  lower_letter((char32_t(byte & 0x0F) << 12) | (next(i + 1) << 6) | next(i + 2)));
      i += 3;
    } else {
      out.push_back(part[i]);
      i += 1;
    }
  }
  return out;
}

bool listed(const std::vector<std::string> &list, const std::string &value, bool any_case) {
  if (value.empty()) return false;
  return std::any_of(list.begin(), list.end(), [&](const std::string &entry) {
    return any_case ? same_email(entry, value) : entry == value;
  });
}

// Which of the list's kinds names the customer: "emails", "customers", "addresses", or none.
std::string match_in(const CustomerList &list, const Case &subject, const std::string &customer_id,
                     const std::string &hash) {
  if (listed(list.emails, subject.customer.email, true)) return "emails";
  if (listed(list.customers, customer_id, false)) return "customers";
  if (listed(list.addresses, hash, true)) return "addresses";
  return {};
}

Flag flag(std::string name, std::string rule, boost::json::object figures) {
  return {std::move(name), std::move(rule), std::move(figures)};
}

}  // namespace

std::optional<Decimal> CustomerHistory::return_rate(int min_orders) const {
  if (orders <= 0 || orders < min_orders) return std::nullopt;
  return scale(Decimal::from_units(Decimal::kOne), orders_returned, orders);
}

std::optional<Money> case_value(const Case &subject) {
  std::optional<Money> total;
  for (const auto &item : subject.items) {
    if (!item.unit_price) continue;
    if (!total) total = Money{Decimal{}, item.unit_price->currency};
    if (total->currency != item.unit_price->currency) continue;  // one case, one currency
    total->amount = total->amount + item.unit_price->amount.times(item.qty);
  }
  return total;
}

CustomerHistory history_of(const std::vector<Case> &cases, const std::vector<std::string> &orders,
                           UnixMs since) {
  CustomerHistory history;
  history.since = since;
  history.orders = static_cast<int>(orders.size());
  const std::unordered_set<std::string> bought(orders.begin(), orders.end());
  std::set<std::string> returned;
  for (const auto &one : cases) {
    if (one.created_at < since) continue;
    ++history.cases;
    if (one.order_id.empty()) ++history.no_receipt;
    if (one.kind != Kind::return_) {
      ++history.complaints;
      continue;
    }
    ++history.returns;
    if (const auto worth = case_value(one)) {
      auto &sum = history.return_value[worth->currency];
      sum = sum + worth->amount;
    }
    if (bought.contains(one.order_id)) returned.insert(one.order_id);
  }
  history.orders_returned = static_cast<int>(returned.size());
  return history;
}

std::string address_hash(const Address &address) {
  std::string joined;
  for (const auto *part : {&address.line1, &address.line2, &address.postcode, &address.city,
                           &address.region, &address.country}) {
    joined += normalised(*part);
    joined.push_back('\n');
  }
  return sha256_hex(joined);
}

std::vector<Flag> judge_abuse(const AbusePolicy &policy, const Case &subject,
                              const std::string &customer_id, const std::optional<Address> &address,
                              const CustomerHistory &history) {
  const std::string hash = address ? address_hash(*address) : std::string();
  if (!match_in(policy.allow, subject, customer_id, hash).empty()) return {};
  std::vector<Flag> flags;
  if (const auto list = match_in(policy.block, subject, customer_id, hash); !list.empty()) {
    flags.push_back(flag("blocked", "block." + list, {}));
  }
  if (policy.max_returns && history.returns > *policy.max_returns) {
    flags.push_back(flag("serial_returner", "max_returns",
                         {{"returns", history.returns},
                          {"max_returns", *policy.max_returns},
                          {"window_days", policy.window_days}}));
  } else if (const auto rate = history.return_rate(policy.rate_min_orders);
             policy.max_return_rate && rate && *rate > *policy.max_return_rate) {
    flags.push_back(flag("serial_returner", "max_return_rate",
                         {{"orders", history.orders},
                          {"orders_returned", history.orders_returned},
                          {"return_rate", round_to(*rate, 4).to_string()},
                          {"max_return_rate", policy.max_return_rate->to_string()}}));
  }
  for (const auto &[currency, limit] : policy.max_return_value) {
    const auto sum = history.return_value.find(currency);
    if (sum == history.return_value.end() || sum->second <= limit) continue;
    flags.push_back(flag("high_value", "max_return_value",
                         {{"currency", currency},
                          {"return_value", amount_text(sum->second, currency)},
                          {"max_return_value", amount_text(limit, currency)},
                          {"window_days", policy.window_days}}));
  }
  if (policy.max_no_receipt && history.no_receipt > *policy.max_no_receipt) {
    flags.push_back(flag("many_no_receipt", "max_no_receipt",
                         {{"no_receipt", history.no_receipt},
                          {"max_no_receipt", *policy.max_no_receipt},
                          {"window_days", policy.window_days}}));
  }
  return flags;
}

const ItemVerdict *refusable_return(const AbusePolicy &policy, const std::vector<Flag> &flags,
                                    Role actor, const std::vector<ItemVerdict> &verdicts) {
  if (flags.empty() || !policy.refuse_voluntary_returns || actor != Role::customer) return nullptr;
  for (const auto &verdict : verdicts) {
    // Counted from the order date, the law's own period (from delivery) is not known to be over.
    if (verdict.code == "shop_return_policy" && !verdict.window_from_order_date) return &verdict;
  }
  return nullptr;
}

}  // namespace reclaim
