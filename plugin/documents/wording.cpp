#include "documents/wording.hpp"

#include <boost/json/parse.hpp>

#include "codec/assets.hpp"
#include "core/error.hpp"
#include "documents/assets.hpp"

namespace reclaim::documents {

namespace json = boost::json;

namespace {

json::object parsed(std::string_view source, const std::string &file) {
  boost::system::error_code error;
  auto value = json::parse(source, error);
  if (error || !value.is_object()) fail(Status::internal, "compiled-in " + file + " is broken");
  return std::move(value.as_object());
}

}  // namespace

Wording::Wording(std::string_view locale) {
  const std::string mail = "mail_" + std::string(locale) + ".json";
  const std::string own = "document_" + std::string(locale) + ".json";
  const auto mails = parsed(codec::find_asset(codec::kAssets, mail), mail);
  const auto add = [&](const json::object &strings, const std::string &file) {
    for (const auto &[key, text] : strings) {
      if (!text.is_string()) fail(Status::internal, file + ": " + std::string(key) + " is no text");
      texts_.insert_or_assign(std::string(key), codec::Template(file + ":" + std::string(key),
                                                                std::string_view(text.get_string()),
                                                                codec::Escape::none));
    }
  };
  if (const auto *common = mails.if_contains("common"); common && common->is_object()) {
    add(common->get_object(), mail);
  }
  add(parsed(codec::find_asset(kAssets, own), own), own);
}

const Wording &Wording::of(std::string_view locale) {
  static const Wording pl("pl"), en("en"), ru("ru");
  if (locale == "pl") return pl;
  if (locale == "ru") return ru;
  return en;
}

std::string Wording::say(std::string_view key, const json::value &values) const {
  const auto found = texts_.find(key);
  return found == texts_.end() ? std::string(key) : found->second.render(values);
}

std::string Wording::say(std::string_view key) const { return say(key, json::value()); }

bool Wording::has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

}  // namespace reclaim::documents
