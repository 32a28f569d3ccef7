#include "codec/abuse_json.hpp"

#include "codec/reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace reclaim::codec {

namespace {

constexpr std::size_t kMaxListed = 10'000;
// A customer's history is read up to Tx::kHistoryCases cases: a count limit must stay below it.
constexpr std::int64_t kMaxLimit = 999;

// Entries of a block or allow list: e-mails, host customer ids, address hashes (64 hex digits).
std::vector<std::string> listed(Fields &fields, std::string_view key, bool hashes) {
  std::vector<std::string> out;
  const auto *list = fields.array(key, kMaxListed);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto path = field_path(fields.path(key), i);
    const auto &entry = (*list)[i];
    if (!entry.is_string() || entry.get_string().empty()) {
      fail(Status::invalid_argument, "expected a non-empty string", path);
    }
    const std::string_view text = entry.get_string();
    check_text(text, 254, path);
    if (hashes && (text.size() != 64 ||
                   text.find_first_not_of("0123456789abcdefABCDEF") != std::string_view::npos)) {
      fail(Status::invalid_argument, "expected an address hash: 64 hexadecimal digits", path);
    }
    out.push_back(hashes ? ascii_lower(text) : std::string(text));
  }
  return out;
}

CustomerList list_from(const json::value &value, const std::string &path) {
  Fields fields(value, path);
  CustomerList list;
  list.emails = listed(fields, "emails", false);
  list.customers = listed(fields, "customers", false);
  list.addresses = listed(fields, "addresses", true);
  fields.finish();
  return list;
}

json::array strings(const std::vector<std::string> &values) {
  json::array out;
  for (const auto &value : values) out.emplace_back(value);
  return out;
}

json::object to_json(const CustomerList &list) {
  return {{"emails", strings(list.emails)},
          {"customers", strings(list.customers)},
          {"addresses", strings(list.addresses)}};
}

json::value optional_int(const std::optional<int> &value) {
  return value ? json::value(*value) : json::value(nullptr);
}

}  // namespace

AbusePolicy abuse_policy_from(const json::value &value, const std::string &path) {
  Fields fields(value, path);
  AbusePolicy policy;
  policy.window_days =
      static_cast<int>(fields.integer("window_days", 7, 3650).value_or(policy.window_days));
  if (const auto most = fields.integer("max_returns", 0, kMaxLimit)) {
    policy.max_returns = static_cast<int>(*most);
  }
  if (const auto *amounts = fields.raw("max_return_value"); amounts && !amounts->is_null()) {
    policy.max_return_value = amounts_by_currency(*amounts, fields.path("max_return_value"));
  }
  if (const auto rate = fields.decimal("max_return_rate")) {
    if (rate->negative() || *rate > Decimal::parse("1").value()) {
      fail(Status::invalid_argument, "expected a share from \"0\" to \"1\"",
           fields.path("max_return_rate"));
    }
    policy.max_return_rate = *rate;
  }
  policy.rate_min_orders = static_cast<int>(
      fields.integer("rate_min_orders", 1, kMaxLimit).value_or(policy.rate_min_orders));
  if (const auto most = fields.integer("max_no_receipt", 0, kMaxLimit)) {
    policy.max_no_receipt = static_cast<int>(*most);
  }
  if (const auto *block = fields.raw("block"))
    policy.block = list_from(*block, fields.path("block"));
  if (const auto *allow = fields.raw("allow"))
    policy.allow = list_from(*allow, fields.path("allow"));
  policy.refuse_voluntary_returns = fields.boolean("refuse_voluntary_returns").value_or(false);
  fields.finish();
  return policy;
}

json::object to_json(const AbusePolicy &policy) {
  return {
      {"window_days", policy.window_days},
      {"max_returns", optional_int(policy.max_returns)},
      {"max_return_value", amounts_to_json(policy.max_return_value)},
      {"max_return_rate", policy.max_return_rate ? json::value(policy.max_return_rate->to_string())
                                                 : json::value(nullptr)},
      {"rate_min_orders", policy.rate_min_orders},
      {"max_no_receipt", optional_int(policy.max_no_receipt)},
      {"block", to_json(policy.block)},
      {"allow", to_json(policy.allow)},
      {"refuse_voluntary_returns", policy.refuse_voluntary_returns}};
}

json::array flags_to_json(const std::vector<Flag> &flags) {
  json::array out;
  for (const auto &flag : flags) {
    out.push_back(
        json::object{{"flag", flag.name}, {"rule", flag.rule}, {"figures", flag.figures}});
  }
  return out;
}

std::vector<Flag> flags_of(const json::value &value) {
  std::vector<Flag> flags;
  if (!value.is_array()) return flags;
  for (const auto &entry : value.get_array()) {
    const auto &o = entry.as_object();
    // A copy in the default memory: the document read may live in a buffer (case_from_text).
    flags.push_back({std::string(o.at("flag").as_string()), std::string(o.at("rule").as_string()),
                     json::object(o.at("figures").as_object(), json::storage_ptr())});
  }
  return flags;
}

json::object to_json(const CustomerHistory &history, int rate_min_orders) {
  const auto rate = history.return_rate(rate_min_orders);
  return {
      {"since", format_rfc3339(history.since)},
      {"cases", history.cases},
      {"complaints", history.complaints},
      {"returns", history.returns},
      {"no_receipt", history.no_receipt},
      {"return_value", amounts_to_json(history.return_value)},
      {"orders", history.orders},
      {"orders_returned", history.orders_returned},
      {"return_rate", rate ? json::value(round_to(*rate, 2).to_string()) : json::value(nullptr)}};
}

}  // namespace reclaim::codec
