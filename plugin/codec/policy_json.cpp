#include "codec/mail.hpp"
#include "codec/policy_json.hpp"

#include "codec/abuse_json.hpp"
#include "codec/reader.hpp"
#include "core/currency.hpp"
#include "core/error.hpp"
#include "core/model.hpp"

namespace reclaim::codec {

namespace {

template <std::size_t N>
std::vector<std::string> words_from(Fields &fields, std::string_view key,
                                    const std::string_view (&allowed)[N]) {
  auto words = words_list(fields, key);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_one_of(words[i], allowed)) {
      fail(Status::invalid_argument, "expected " + list_words(allowed),
           field_path(fields.path(key), i));
    }
  }
  return words;
}

// An array of words held directly by a map member ({"defect": ["photo"]}).
template <std::size_t N>
std::vector<std::string> word_array(const json::value &value, const std::string &path,
                                    const std::string_view (&allowed)[N]) {
  if (!value.is_array() || value.get_array().size() > N) {
    fail(Status::invalid_argument, "expected an array of at most " + std::to_string(N) + " words",
         path);
  }
  std::vector<std::string> words;
  const auto &items = value.get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].is_string() || !is_one_of(items[i].get_string(), allowed)) {
      fail(Status::invalid_argument, "expected " + list_words(allowed), field_path(path, i));
    }
    words.emplace_back(items[i].get_string());
  }
  return words;
}

GoodsMatch goods_from(const json::value &value, const std::string &path) {
  Fields fields(value, path);
  GoodsMatch match;
  match.categories = words_list(fields, "categories", 200);
  match.skus = words_list(fields, "skus", 1000);
  match.tags = words_list(fields, "tags", 200);
  fields.finish();
  return match;
}

json::object goods_to_json(const GoodsMatch &match) {
  const auto list = [](const std::vector<std::string> &words) {
    json::array out;
    for (const auto &word : words) out.emplace_back(word);
    return out;
  };
  return {{"categories", list(match.categories)},
          {"skus", list(match.skus)},
          {"tags", list(match.tags)}};
}

json::array words_to_json(const std::vector<std::string> &words) {
  json::array out;
  for (const auto &word : words) out.emplace_back(word);
  return out;
}

// Members of an object whose keys come from a word list: {"defect": […], "transport_damage": […]}.
template <std::size_t N, typename Read>
void each_keyed(Fields &parent, std::string_view key, const std::string_view (&keys)[N],
                Read read) {
  const json::object *members = parent.object(key);
  if (!members) return;
  for (const auto &[name, value] : *members) {
    const std::string path = field_path(parent.path(key), std::string_view(name));
    if (!is_one_of(name, keys)) fail(Status::invalid_argument, "expected " + list_words(keys), path);
    read(std::string(name), value, path);
  }
}

std::vector<int> hours_list(Fields &fields, std::string_view key) {
  std::vector<int> hours;
  if (const auto *list = fields.array(key, 10)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto &item = (*list)[i];
      const auto path = field_path(fields.path(key), i);
      if (!item.is_int64() || item.as_int64() < 1 || item.as_int64() > 24 * 366) {
        fail(Status::invalid_argument, "expected a whole number of hours from 1 to 8784", path);
      }
      hours.push_back(static_cast<int>(item.as_int64()));
    }
  }
  std::sort(hours.begin(), hours.end(), std::greater<>());
  hours.erase(std::unique(hours.begin(), hours.end()), hours.end());
  return hours;
}

std::set<Day> days_list(Fields &fields, std::string_view key) {
  std::set<Day> days;
  for (const auto &text : words_list(fields, key, 400)) {
    const auto day = parse_day(text);
    if (!day) fail(Status::invalid_argument, "expected a date like 2026-12-31", fields.path(key));
    days.insert(*day);
  }
  return days;
}

json::array days_to_json(const std::set<Day> &days) {
  json::array out;
  for (const Day day : days) out.emplace_back(format_day(day));
  return out;
}

}  // namespace

Jurisdiction jurisdiction_from_text(const std::string &text) {
  const auto found = parse_word<Jurisdiction>(text, kJurisdictionNames);
  if (!found) fail(Status::invalid_argument, "expected " + list_words(kJurisdictionNames));
  return *found;
}

Policy policy_from_json(const json::value &document, Jurisdiction default_jurisdiction) {
  Fields fields(document, "");
  Jurisdiction jurisdiction = default_jurisdiction;
  if (const auto text = fields.word("jurisdiction", kJurisdictionNames)) {
    jurisdiction = jurisdiction_from_text(*text);
  }
  Policy policy = preset_policy(jurisdiction);
  if (const auto text = fields.text("applies_from", 16)) {
    policy.applies_from = parse_day(*text);
    if (!policy.applies_from) {
      fail(Status::invalid_argument, "expected a date like 2027-01-01", "applies_from");
    }
  }
  policy.party = fields.word("party", kParties).value_or(policy.party);
  if (const auto days = fields.integer("return_window_days", 0, 3650)) {
    policy.return_window_days = static_cast<int>(*days);
  }
  policy.return_window_from =
      fields.word("return_window_from", kWindowStarts).value_or(policy.return_window_from);
  policy.withdrawal_information_given =
      fields.boolean("withdrawal_information_given").value_or(true);
  if (const auto months = fields.integer("guarantee_months", 0, 1200)) {
    policy.guarantee_months = static_cast<int>(*months);
  }
  if (const auto *goods = fields.raw("non_returnable")) {
    policy.non_returnable = goods_from(*goods, "non_returnable");
  }
  each_keyed(fields, "statutory_exceptions", kStatutoryExceptions,
             [&](const std::string &kind, const json::value &value, const std::string &path) {
               policy.statutory_exceptions[kind] = goods_from(value, path);
             });
  if (fields.has("evidence")) policy.evidence.clear();
  each_keyed(fields, "evidence", kReasons,
             [&](const std::string &reason, const json::value &value, const std::string &path) {
               policy.evidence[reason] = word_array(value, path, kEvidence);
             });
  if (fields.has("resolutions")) {
    Fields kinds(*fields.raw("resolutions"), "resolutions");
    for (const auto kind : kKindNames) {
      if (kinds.has(kind)) policy.resolutions[std::string(kind)] = words_from(kinds, kind, kResolutions);
    }
    kinds.finish();
  }
  each_keyed(fields, "resolutions_by_reason", kReasons,
             [&](const std::string &reason, const json::value &value, const std::string &path) {
               policy.resolutions_by_reason[reason] = word_array(value, path, kResolutions);
             });
  static constexpr std::string_view kDecidingRoles[] = {"agent", "supervisor", "host"};
  each_keyed(fields, "decision_limits", kDecidingRoles,
             [&](const std::string &role, const json::value &value, const std::string &path) {
               policy.decision_limits[role] = amounts_by_currency(value, path);
             });
  if (const auto fee = fields.decimal("restocking_fee_percent")) {
    if (fee->negative() || *fee > Decimal::parse("100").value()) {
      fail(Status::invalid_argument, "expected a percentage from 0 to 100",
           "restocking_fee_percent");
    }
    policy.restocking_fee_percent = *fee;
  }
  policy.return_shipping_paid_by =
      fields.word("return_shipping_paid_by", kShippingPayers).value_or(policy.return_shipping_paid_by);
  if (fields.has("sla")) {
    Fields sla(*fields.raw("sla"), "sla");
    policy.first_response_hours = static_cast<int>(
        sla.integer("first_response_hours", 1, 24 * 366).value_or(policy.first_response_hours));
    policy.decision_days =
        static_cast<int>(sla.integer("decision_days", 1, 366).value_or(policy.decision_days));
    policy.resolution_days =
        static_cast<int>(sla.integer("resolution_days", 1, 732).value_or(policy.resolution_days));
    policy.supplier_answer_days = static_cast<int>(
        sla.integer("supplier_answer_days", 1, 366).value_or(policy.supplier_answer_days));
    sla.finish();
  }
  policy.replacement_quality_check =
      fields.boolean("replacement_quality_check").value_or(policy.replacement_quality_check);
  if (fields.has("warn_before_hours")) policy.warn_before_hours = hours_list(fields, "warn_before_hours");
  if (const auto days = fields.integer("appeal_days", 0, 3650)) {
    policy.appeal_days = static_cast<int>(*days);
  }
  if (fields.has("holidays")) {
    Fields holidays(*fields.raw("holidays"), "holidays");
    policy.holidays_extra = days_list(holidays, "extra");
    policy.holidays_working = days_list(holidays, "working");
    holidays.finish();
  }
  if (fields.has("retention")) {
    Fields retention(*fields.raw("retention"), "retention");
    policy.anonymise_closed_after_days = static_cast<int>(
        retention.integer("anonymise_closed_after_days", 1, 36500).value_or(0));
    if (*policy.anonymise_closed_after_days == 0) {
      fail(Status::invalid_argument, "required", "retention.anonymise_closed_after_days");
    }
    retention.finish();
    if (*policy.anonymise_closed_after_days < policy.appeal_days) {
      fail(Status::invalid_argument,
           "retention must outlast the " + std::to_string(policy.appeal_days) +
               " days a customer may reopen a case (appeal_days)",
           "retention.anonymise_closed_after_days");
    }
  }
  if (const auto *abuse = fields.raw("abuse")) policy.abuse = abuse_policy_from(*abuse, "abuse");
  if (const auto *messages = fields.object("messages")) {
    MailTexts::check_override(*messages, "messages");
    policy.messages = *messages;
  }
  fields.finish();
  if (policy.resolution_days < policy.decision_days) {
    fail(Status::invalid_argument, "the resolution target cannot come before the decision target",
         "sla.resolution_days");
  }
  return policy;
}

json::object policy_to_json(const Policy &policy) {
  json::object exceptions, evidence, resolutions, by_reason, limits;
  for (const auto &[kind, match] : policy.statutory_exceptions) exceptions[kind] = goods_to_json(match);
  for (const auto &[reason, list] : policy.evidence) evidence[reason] = words_to_json(list);
  for (const auto &[kind, list] : policy.resolutions) resolutions[kind] = words_to_json(list);
  for (const auto &[reason, list] : policy.resolutions_by_reason) by_reason[reason] = words_to_json(list);
  for (const auto &[role, per_currency] : policy.decision_limits) {
    limits[role] = amounts_to_json(per_currency);
  }
  json::array warn;
  for (const int hours : policy.warn_before_hours) warn.emplace_back(hours);
  json::object doc{
      {"jurisdiction", name(policy.jurisdiction)},
      {"applies_from", policy.applies_from ? json::value(format_day(*policy.applies_from))
                                           : json::value(nullptr)},
      {"party", policy.party},
      {"return_window_days", policy.return_window_days},
      {"return_window_from", policy.return_window_from},
      {"withdrawal_information_given", policy.withdrawal_information_given},
      {"guarantee_months", policy.guarantee_months},
      {"non_returnable", goods_to_json(policy.non_returnable)},
      {"statutory_exceptions", std::move(exceptions)},
      {"evidence", std::move(evidence)},
      {"resolutions", std::move(resolutions)},
      {"resolutions_by_reason", std::move(by_reason)},
      {"decision_limits", std::move(limits)},
      {"restocking_fee_percent", policy.restocking_fee_percent.to_string()},
      {"return_shipping_paid_by", policy.return_shipping_paid_by},
      {"sla", json::object{{"first_response_hours", policy.first_response_hours},
                           {"decision_days", policy.decision_days},
                           {"resolution_days", policy.resolution_days},
                           {"supplier_answer_days", policy.supplier_answer_days}}},
      {"replacement_quality_check", policy.replacement_quality_check},
      {"warn_before_hours", std::move(warn)},
      {"appeal_days", policy.appeal_days},
      {"messages", policy.messages},
      {"holidays", json::object{{"extra", days_to_json(policy.holidays_extra)},
                                {"working", days_to_json(policy.holidays_working)}}}};
  if (policy.anonymise_closed_after_days) {
    doc["retention"] =
        json::object{{"anonymise_closed_after_days", *policy.anonymise_closed_after_days}};
  }
  if (policy.abuse) doc["abuse"] = to_json(*policy.abuse);
  return doc;
}

}  // namespace reclaim::codec
