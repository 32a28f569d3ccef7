#include "codec/mail.hpp"

#include <boost/json/parse.hpp>
#include <utility>
#include <vector>

#include "codec/assets.hpp"
#include "codec/html_text.hpp"
#include "codec/template.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace reclaim::codec {

namespace json = boost::json;

const std::string_view kMailTemplates[16] = {
    "case.acknowledged",    "case.info_requested",     "case.return_authorized",
    "case.goods_received",  "case.decided",            "case.resolved",
    "case.closed",          "case.reopened",           "case.cancelled",
    "case.message",         "case.link_renewed",       "withdrawal.acknowledged",
    "staff.case_opened",    "staff.customer_replied",  "staff.deadline_at_risk",
    "staff.deadline_breached"};

namespace {

constexpr std::string_view kLocales[] = {"pl", "en", "ru"};
// The common strings that are templates themselves (they name values).
constexpr std::string_view kCommonTemplates[] = {"greeting", "signoff", "status_link_text",
                                                 "reply_hint", "automatic"};

bool known_template(std::string_view name) {
  for (auto known : kMailTemplates) {
    if (known == name) return true;
  }
  return false;
}

struct Wording {
  Template subject;
  std::vector<Template> body;
};

Wording wording_from_json(const std::string &where, const json::value &entry) {
  const auto *object = entry.if_object();
  const auto *subject = object ? object->if_contains("subject") : nullptr;
  const auto *body = object ? object->if_contains("body") : nullptr;
  if (!subject || !subject->is_string() || !body || !body->is_array() ||
      object->size() != 2) {
    fail(Status::invalid_argument, "expected {\"subject\": text, \"body\": [text, …]}", where);
  }
  Wording wording{Template(where + ".subject", subject->get_string(), Escape::none), {}};
  for (const auto &paragraph : body->get_array()) {
    if (!paragraph.is_string()) fail(Status::invalid_argument, "expected text", where + ".body");
    wording.body.emplace_back(where + ".body", paragraph.get_string(), Escape::none);
  }
  return wording;
}

std::string text_of(const json::object &strings, std::string_view key) {
  const auto *value = strings.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

bool blank(std::string_view text) { return trim(text).empty(); }

// One paragraph, escaped, its lines kept, and `url` (the case's link) where it appears made a
// link.
std::string paragraph_html(std::string_view text, const std::string &url) {
  std::string escaped = escape_html(text);
  if (!url.empty()) {
    const std::string shown = escape_html(url);
    const std::string link = "<a href=\"" + shown + "\">" + shown + "</a>";
    for (auto at = escaped.find(shown); at != std::string::npos;
         at = escaped.find(shown, at + link.size())) {
      escaped.replace(at, shown.size(), link);
    }
  }
  std::string html;
  html.reserve(escaped.size() + 64);
  html += "<p style=\"margin:0 0 1em\">";
  std::size_t line = 0;
  for (auto end = escaped.find('\n'); end != std::string::npos; end = escaped.find('\n', line)) {
    html.append(escaped, line, end - line);
    html += "<br>\n";
    line = end + 1;
  }
  html.append(escaped, line);
  html += "</p>\n";
  return html;
}

// Fills the labels the wording names (kind_label, resolution_label, …) from the codes in the
// values, in the template's language.
void add_labels(json::object &values, const json::object &common) {
  const auto label = [&](std::string_view prefix, const json::value *code) {
    if (!code || !code->is_string()) return std::string();
    return text_of(common, std::string(prefix) + std::string(code->get_string()));
  };
  values["kind_label"] = label("kind_", values.if_contains("kind_code"));
  values["state_label"] = label("state_", values.if_contains("state_code"));
  if (const auto *preferred = values.if_contains("preferred")) {
    values["preferred_label"] = label("resolution_", preferred);
  }
  if (const auto *deadline = values.if_contains("deadline_code")) {
    values["deadline_label"] = label("deadline_", deadline);
  }
  if (const auto *resolution = values.if_contains("resolution")) {
    values["resolution_label"] = label("resolution_", resolution);
  }
  for (const char *list : {"decided", "received", "items"}) {
    auto *entries = values.if_contains(list);
    if (!entries || !entries->is_array()) continue;
    for (auto &entry : entries->get_array()) {
      auto *item = entry.if_object();
      if (!item) continue;
      if (const auto *r = item->if_contains("resolution")) {
        (*item)["resolution_label"] = label("resolution_", r);
      }
      if (const auto *c = item->if_contains("condition")) {
        (*item)["condition_label"] = label("condition_", c);
      }
    }
  }
}

}  // namespace

struct MailTexts::Language {
  json::object common;
  std::map<std::string, Template, std::less<>> common_templates;
  std::map<std::string, Wording, std::less<>> templates;
};

MailTexts::MailTexts() {
  for (auto locale : kLocales) {
    const std::string file = "mail_" + std::string(locale) + ".json";
    const auto source = find_asset(kAssets, file);
    json::value document;
    try {
      document = json::parse(source);
    } catch (const std::exception &error) {
      fail(Status::internal, file + ": " + error.what());
    }
    auto language = std::make_unique<Language>();
    language->common = document.at("common").as_object();
    for (const auto &[key, value] : language->common) {
      if (value.is_string()) {
        language->common_templates.emplace(
            std::string(key), Template(file + ".common." + std::string(key), value.get_string(),
                                       Escape::none));
      }
    }
    for (const auto &[key, value] : document.at("templates").as_object()) {
      if (!known_template(key)) fail(Status::internal, file + ": unknown template " + std::string(key));
      language->templates.emplace(std::string(key), wording_from_json(file, value));
    }
    for (auto name : kMailTemplates) {
      if (!language->templates.contains(name)) {
        fail(Status::internal, file + ": template " + std::string(name) + " is missing");
      }
    }
    languages_.emplace(std::string(locale), std::move(language));
  }
}

MailTexts::~MailTexts() = default;

const MailTexts &MailTexts::defaults() {
  static const MailTexts texts;
  return texts;
}

void MailTexts::check_override(const json::object &texts, const std::string &field) {
  for (const auto &[locale, templates] : texts) {
    const std::string where = field + "." + std::string(locale);
    bool known = false;
    for (auto l : kLocales) known = known || l == locale;
    if (!known) fail(Status::invalid_argument, "expected pl, en or ru", where);
    if (!templates.is_object()) fail(Status::invalid_argument, "expected an object", where);
    for (const auto &[name, entry] : templates.get_object()) {
      const std::string at = where + "." + std::string(name);
      if (!known_template(name)) fail(Status::invalid_argument, "no template of that name", at);
      try {
        wording_from_json(at, entry);
      } catch (const Error &error) {
        if (error.status() == Status::invalid_argument) throw;
        fail(Status::invalid_argument, error.what(), at);  // a tag that does not parse
      }
    }
  }
}

RenderedMail MailTexts::render(std::string_view name, std::string_view locale, json::object fields,
                               const json::object *shop_texts) const {
  if (!known_template(name)) {
    fail(Status::invalid_argument, "no mail template named '" + std::string(name) + "'", "template");
  }
  auto found = languages_.find(locale);
  if (found == languages_.end()) found = languages_.find("en");
  const Language &language = *found->second;
  const std::string lang = found->first;

  // The values held once as a json::value: Template::render takes one, and an object passed
  // to it would be copied into a new value at every paragraph.
  json::value context(std::move(fields));
  json::object &values = context.as_object();
  add_labels(values, language.common);
  const auto common = [&](std::string_view key) {
    const auto t = language.common_templates.find(key);
    return t == language.common_templates.end() ? std::string() : t->second.render(context);
  };
  if (const auto *meaning = values.if_contains("meaning"); meaning && meaning->is_string()) {
    values["decision_meaning"] = common("meaning_" + std::string(meaning->get_string()));
  }

  std::optional<Wording> custom;
  if (shop_texts) {
    if (const auto *texts = shop_texts->if_contains(lang); texts && texts->is_object()) {
      if (const auto *entry = texts->get_object().if_contains(name)) {
        custom = wording_from_json("messages." + lang + "." + std::string(name), *entry);
      }
    }
  }
  const Wording &ours = language.templates.find(name)->second;
  const auto paragraphs_of = [&](const Wording &wording) {
    std::vector<std::string> paragraphs;
    for (const auto &paragraph : wording.body) {
      std::string text = paragraph.render(context);
      if (!blank(text)) paragraphs.push_back(std::string(trim(text)));
    }
    return std::make_pair(one_line(wording.subject.render(context)), std::move(paragraphs));
  };
  // A shop's own wording that cannot be rendered for this case (past the rendering's budget:
  // sections nested over a long list) gives way to ours: the customer is still told.
  std::pair<std::string, std::vector<std::string>> worded;
  try {
    worded = paragraphs_of(custom ? *custom : ours);
  } catch (const Error &) {
    if (!custom) throw;
    worded = paragraphs_of(ours);
  }
  const std::vector<std::string> &paragraphs = worded.second;
  const bool staff = name.starts_with("staff.");
  const auto url_value = values.if_contains(staff ? "staff_url" : "status_url");
  const std::string url =
      url_value && url_value->is_string() ? std::string(url_value->get_string()) : std::string();

  RenderedMail mail;
  mail.subject = std::move(worded.first);
  const std::string greeting = common("greeting");
  const std::string signoff = common("signoff");
  const std::string footer = common("automatic");
  const std::string reply = staff ? std::string() : common("reply_hint");

  // Customers get a letter (greeting, the link as a button, how to answer, a sign-off); staff a
  // notice whose wording names the desk's link itself.
  std::string &text = mail.text;
  if (!staff) text = greeting + "\n\n";
  for (const auto &p : paragraphs) text += p + "\n\n";
  if (!staff) {
    if (!url.empty()) text += common("status_link_text") + "\n" + url + "\n\n";
    if (!reply.empty()) text += reply + "\n\n";
    text += signoff + "\n\n";
  }
  text += "-- \n" + footer + "\n";

  std::string &html = mail.html;
  html = "<!DOCTYPE html>\n<html lang=\"" + lang +
         "\"><head><meta charset=\"utf-8\"><title>" + escape_html(mail.subject) +
         "</title></head>\n<body style=\"margin:0;padding:24px;font-family:Arial,Helvetica,"
         "sans-serif;font-size:15px;line-height:1.5;color:#1f2328;background:#ffffff\">\n"
         "<div style=\"max-width:600px\">\n";
  if (!staff) html += paragraph_html(greeting, url);
  for (const auto &p : paragraphs) html += paragraph_html(p, url);
  if (!staff && !url.empty()) {
    html += "<p style=\"margin:1.5em 0\"><a href=\"" + escape_html(url) +
            "\" style=\"display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;"
            "text-decoration:none;border-radius:4px\">" +
            escape_html(text_of(language.common, "status_link_label")) + "</a></p>\n";
  }
  if (!staff) {
    if (!reply.empty()) html += paragraph_html(reply, url);
    html += paragraph_html(signoff, url);
  }
  html += "<p style=\"margin:2em 0 0;font-size:12px;color:#57606a\">" + escape_html(footer) +
          "</p>\n</div>\n</body>\n</html>\n";
  return mail;
}

std::string one_line(std::string_view text, std::size_t max_chars) {
  std::string flat(text);
  for (char &c : flat) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';  // before clean_text marks them
  }
  const std::string clean = clean_text(flat);
  std::string line;
  bool space = false;
  for (unsigned char c : clean) {
    if (c < 0x20 || c == 0x7f) c = ' ';
    if (c == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += static_cast<char>(c);
  }
  return shorten_text(line, max_chars);
}

}  // namespace reclaim::codec
