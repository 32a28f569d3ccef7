#include "http/views.hpp"

#include <boost/json/parse.hpp>

#include "codec/report_html.hpp"
#include "core/error.hpp"
#include "http/assets.hpp"

namespace reclaim::http {

std::string_view asset(std::string_view name) { return codec::find_asset(kAssets, name); }

Views::Views() {
  for (const auto &file : kAssets) {
    if (file.name.ends_with(".html")) {
      const std::string name(file.name.substr(0, file.name.size() - 5));
      pages_.emplace(name, Template(name, file.data));
    }
  }
  const auto strings = boost::json::parse(asset("strings.json"));
  for (const auto &[lang, table] : strings.as_object()) {
    strings_.emplace(std::string(lang), table.as_object());
  }
  // The staff desk's words live in their own file, merged into each language's table.
  if (const auto staff = asset("staff_strings.json"); !staff.empty()) {
    const boost::json::value parsed = boost::json::parse(staff);
    for (const auto &[lang, table] : parsed.as_object()) {
      auto &into = strings_[std::string(lang)];
      for (const auto &[key, value] : table.as_object()) into[key] = value;
    }
  }
  for (auto lang : kLanguages) {
    if (!strings_.count(lang)) fail(Status::internal, "no strings for " + std::string(lang));
  }
  for (const auto &[lang, table] : strings_)
    outer_.emplace(lang, boost::json::object{{"t", table}});
  // The report fragment's own rules (scoped to .rc-report), served with the pages' stylesheet:
  // the desk's CSP allows no <style> element.
  css_ = std::string(asset("style.css")) + std::string(report_html_stylesheet());
}

const boost::json::value &Views::outer(std::string_view lang) const {
  const auto found = outer_.find(lang);
  return found == outer_.end() ? outer_.find("en")->second : found->second;
}

const Template &Views::page(std::string_view name) const {
  const auto found = pages_.find(name);
  if (found == pages_.end()) fail(Status::internal, "no template " + std::string(name));
  return found->second;
}

const boost::json::object &Views::strings(std::string_view lang) const {
  const auto found = strings_.find(lang);
  return found == strings_.end() ? strings_.find("en")->second : found->second;
}

std::string Views::text(std::string_view lang, std::string_view key) const {
  const auto *value = strings(lang).if_contains(key);
  if (!value || !value->is_string()) return std::string(key);
  return std::string(value->get_string());
}

}  // namespace reclaim::http
