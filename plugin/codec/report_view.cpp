#include "codec/report_view.hpp"

#include <boost/json/serialize.hpp>

#include "codec/html_text.hpp"
#include "core/calendar.hpp"
#include "core/messages.hpp"

namespace reclaim::report {

namespace json = boost::json;

const json::value *member(const json::object *object, std::string_view name) {
  if (!object) return nullptr;
  return object->if_contains(name);
}

const json::object *object_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  return value ? value->if_object() : nullptr;
}

const json::array *array_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  return value ? value->if_array() : nullptr;
}

std::optional<double> number_at(const json::object *object, std::string_view name) {
  return number(member(object, name));
}

std::string text_at(const json::object *object, std::string_view name) {
  const auto *value = member(object, name);
  if (!value) return {};
  if (const auto *s = value->if_string()) return clean_text(*s);
  if (value->is_number()) return json::serialize(*value);
  return {};
}

std::vector<const json::object *> objects_in(const json::array &array) {
  std::vector<const json::object *> out;
  for (const auto &element : array) {
    if (const auto *object = element.if_object()) out.push_back(object);
  }
  return out;
}

std::string join(const std::vector<std::string> &parts) {
  std::string out;
  for (const auto &part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

ReportView::ReportView(const json::object &report, Lang lang)
    : report_(report), lang_(lang), format_(lang_code(lang)) {
  group_by_ = text_at(&report_, "group_by");
  if (group_by_.empty()) group_by_ = "none";
  if (const auto *groups = array_at(&report_, "groups")) groups_ = objects_in(*groups);
}

bool ReportView::period_grouping() const {
  return group_by_ == "day" || group_by_ == "week" || group_by_ == "month";
}

bool ReportView::item_grouping() const {
  return group_by_ == "sku" || group_by_ == "supplier" || group_by_ == "category";
}

std::string ReportView::key_text(const json::object *group, std::string_view by) const {
  const std::string key = text_at(group, "key");
  if (by == "none" || by == "reason" || by == "kind" || by == "resolution") {
    if (auto word = word_label(key, lang_)) return std::string(*word);
  }
  return key;
}

std::string ReportView::reason_text(const std::string &reason) const {
  if (auto word = word_label(reason, lang_); word && reason != "all") return std::string(*word);
  return reason;
}

std::string ReportView::group_by_text() const {
  const std::string key = "group_by." + group_by_;
  const std::string_view text = label(key);
  return text == key ? group_by_ : std::string(text);
}

std::string ReportView::day_text(std::string_view name) const {
  const std::string raw = text_at(&report_, name);
  if (auto day = parse_day(raw)) return local_date_text(*day, lang_code(lang_));
  return raw.empty() ? std::string(kDash) : raw;
}

std::string ReportView::count_or_dash(std::optional<double> value) const {
  return value ? format_.count(*value) : std::string(kDash);
}

std::string ReportView::percent_or_dash(std::optional<double> value) const {
  return value ? format_.percent(*value) : std::string(kDash);
}

std::string ReportView::hours_or_dash(std::optional<double> value) const {
  return value ? format_.hours(*value) : std::string(kDash);
}

std::string ReportView::rating_or_dash(std::optional<double> value) const {
  return value ? format_.fixed(*value, 2) : std::string(kDash);
}

}  // namespace reclaim::report
