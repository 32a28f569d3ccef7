// The report's result document as the HTML renderer reads it: defensively (a missing member or
// one of the wrong type reads as absent, never as an error), in the reader's language, with
// numbers written for the reader's locale and a dash for every missing measure.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/report_labels.hpp"
#include "codec/report_numbers.hpp"

namespace reclaim::report {

inline constexpr std::string_view kDash = "\xE2\x80\x94";

// ---- members, each absent when missing or of another type (also when `object` is null) -----

const boost::json::value *member(const boost::json::object *object, std::string_view name);
const boost::json::object *object_at(const boost::json::object *object, std::string_view name);
const boost::json::array *array_at(const boost::json::object *object, std::string_view name);
std::optional<double> number_at(const boost::json::object *object, std::string_view name);
// A string member as clean text; a number as its JSON text; anything else empty.
std::string text_at(const boost::json::object *object, std::string_view name);
// The objects among an array's elements.
std::vector<const boost::json::object *> objects_in(const boost::json::array &array);

// "a; b; c"
std::string join(const std::vector<std::string> &parts);

class ReportView {
 public:
  ReportView(const boost::json::object &report, Lang lang);

  const boost::json::object &report() const { return report_; }
  Lang lang() const { return lang_; }
  const NumberFormat &format() const { return format_; }
  // "none" when the document names no grouping.
  const std::string &group_by() const { return group_by_; }
  const std::vector<const boost::json::object *> &groups() const { return groups_; }

  bool period_grouping() const;  // day, week, month
  bool item_grouping() const;    // sku, supplier, category

  std::string_view label(std::string_view key) const { return report::label(key, lang_); }
  // How a group's key reads: contract words in the reader's language, the rest as given.
  std::string key_text(const boost::json::object *group, std::string_view by) const;
  std::string reason_text(const std::string &reason) const;
  // "Back to stock" for "restock", in the report's language.
  std::string disposition_text(std::string_view disposition) const {
    return std::string(label("disposition." + std::string(disposition)));
  }
  // The grouping's name; a grouping this renderer does not know, as the document gives it.
  std::string group_by_text() const;
  // A date member of the report ("from", "to") written for the reader.
  std::string day_text(std::string_view name) const;

  std::string count_or_dash(std::optional<double> value) const;
  std::string percent_or_dash(std::optional<double> value) const;
  std::string hours_or_dash(std::optional<double> value) const;
  std::string rating_or_dash(std::optional<double> value) const;

 private:
  const boost::json::object &report_;
  Lang lang_;
  NumberFormat format_;
  std::string group_by_;
  std::vector<const boost::json::object *> groups_;
};

}  // namespace reclaim::report
