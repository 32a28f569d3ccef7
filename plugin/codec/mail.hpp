// Mails to customers and staff: the wording of each template in pl, en and ru (compiled in from
// templates/mail_*.json, overridable per shop), rendered as a subject, a plain-text part and an
// HTML part. Every value is escaped in the HTML part; the subject is one line.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace reclaim::codec {

struct RenderedMail {
  std::string subject;  // one line: CR, LF and other controls become spaces
  std::string text;
  std::string html;
};

// The names of every template, customer's and staff's (CONTRACT §5).
extern const std::string_view kMailTemplates[16];

class MailTexts {
 public:
  // The compiled-in wording. Throws Error(internal) if a compiled-in file is broken.
  MailTexts();
  ~MailTexts();
  MailTexts(const MailTexts &) = delete;
  MailTexts &operator=(const MailTexts &) = delete;

  // One parsed copy per process.
  static const MailTexts &defaults();

  // Renders `name` in `locale` ("en" when unknown) with `values` (mail_values.hpp says which).
  // `shop_texts` (optional): the shop's own {"pl":{"case.decided":{"subject":…,"body":[…]}}},
  // which replace the defaults template by template. Throws Error(invalid_argument) for an
  // unknown template and for a broken override.
  RenderedMail render(std::string_view name, std::string_view locale, boost::json::object values,
                      const boost::json::object *shop_texts = nullptr) const;

  // Throws Error(invalid_argument) naming the field when `texts` is not a valid override
  // document (unknown language or template, a tag that does not parse).
  static void check_override(const boost::json::object &texts, const std::string &field);

 private:
  struct Language;
  std::map<std::string, std::unique_ptr<Language>, std::less<>> languages_;
};

// One header-safe line: controls (CR and LF first of all) become spaces, runs of spaces one,
// at most `max_chars` characters.
std::string one_line(std::string_view text, std::size_t max_chars = 200);

}  // namespace reclaim::codec
