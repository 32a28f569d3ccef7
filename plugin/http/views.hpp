// The compiled-in templates and translations, parsed once per endpoint.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <string_view>

#include "codec/template.hpp"

namespace reclaim::http {

using codec::Template;

inline constexpr std::string_view kLanguages[] = {"pl", "en", "ru"};

class Views {
 public:
  Views();  // throws Error(internal) if a compiled-in file is broken

  const Template &page(std::string_view name) const;
  // The strings of `lang` ("en" when unknown), as the templates' "t".
  const boost::json::object &strings(std::string_view lang) const;
  // {"t": strings(lang)}: the outer frame every page of that language renders with.
  const boost::json::value &outer(std::string_view lang) const;
  // One string; the key itself when it has no translation.
  std::string text(std::string_view lang, std::string_view key) const;
  std::string_view css() const { return css_; }

 private:
  std::map<std::string, Template, std::less<>> pages_;
  std::map<std::string, boost::json::object, std::less<>> strings_;
  std::map<std::string, boost::json::value, std::less<>> outer_;
  std::string css_;  // style.css and the report fragment's rules
};

}  // namespace reclaim::http
