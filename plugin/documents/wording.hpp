// The documents' wording in one language: templates/document_<locale>.json, and the labels the
// mails already have (mail_<locale>.json's "common": kinds, remedies, conditions, the meaning of
// a decision date), each parsed once per process.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <string>
#include <string_view>

#include "codec/template.hpp"

namespace reclaim::documents {

class Wording {
 public:
  // pl, en or ru (English for anything else). Throws Error(internal) if a compiled-in file is
  // broken.
  static const Wording &of(std::string_view locale);

  // The text of `key` with `values` filled in (no escaping: the renderer draws text, not markup);
  // the key itself when there is no such text, so a gap shows rather than hides.
  std::string say(std::string_view key, const boost::json::value &values) const;
  std::string say(std::string_view key) const;
  bool has(std::string_view key) const;

  explicit Wording(std::string_view locale);

 private:
  std::map<std::string, codec::Template, std::less<>> texts_;
};

}  // namespace reclaim::documents
