// The mails' wording: every template renders in every language, values are escaped in HTML and
// never break the subject's line, and each rendering matches its reviewed golden file
// (tests/fixtures/mail-golden; RECLAIM_UPDATE_GOLDEN=1 rewrites them for review in a diff).
#include "codec/mail.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/messages.hpp"
#include "core/model.hpp"

namespace reclaim::codec {
namespace {

namespace json = boost::json;

json::object values(bool hostile = false);

// The sample's dates and amounts as mail_values formats them for `locale`.
json::object values_in(const char *locale) {
  json::object v = values();
  const std::string l = locale;
  const auto day = [&](const char *pl, const char *en, const char *ru) {
    return l == "pl" ? pl : l == "ru" ? ru : en;
  };
  const std::string fifteenth = day("15 grudnia 2026", "15 December 2026", "15 декабря 2026");
  const std::string first = day("1 grudnia 2026", "1 December 2026", "1 декабря 2026");
  for (const char *key : {"decision_due", "appeal_until", "return_by", "refund_due"}) v[key] = fifteenth;
  v["opened_at"] = first + ", 10:15 CET";
  v["submitted_at"] = first + ", 10:15 CET";
  v["due_at"] = fifteenth + ", 23:59 CET";
  const std::string amount = l == "en" ? "199.99\u00a0PLN" : "199,99\u00a0PLN";
  v["refund_total"] = amount;
  v["decided"].as_array()[0].as_object()["amount"] = amount;
  v["status_url"] = "https://sklep.example/r/c/TOKEN?lang=" + l;
  return v;
}

json::object values(bool hostile) {
  json::object v = json::parse(R"({
    "shop_name": "Sklep Demo", "case_number": "RC-2026-000042", "customer_email": "jan@example.pl",
    "order_number": "727", "kind_code": "complaint", "is_complaint": true, "is_return": false,
    "is_withdrawal": false, "state_code": "accepted", "channel": "web", "meaning": "deemed",
    "items": [{"name": "Czajnik elektryczny", "sku": "KET-1", "qty": 1}],
    "status_url": "https://sklep.example/r/c/TOKEN?lang=pl",
    "staff_url": "https://sklep.example/r/staff/cases/RC-2026-000042",
    "opened_at": "1 grudnia 2026, 10:15 CET", "decision_due": "15 grudnia 2026",
    "message": "Prosimy o zdjęcie tabliczki znamionowej.", "customer_message": "Zdjęcie w załączeniu.",
    "instructions": "Prosimy odesłać czajnik kurierem.", "reference": "RF-991",
    "accepted": true, "partial": true, "deemed": false, "preferred": "replacement",
    "preference_differs": true, "resolution": "refund",
    "decided": [{"name": "Czajnik elektryczny", "qty": 1, "resolution": "refund", "amount": "199,99\u00a0PLN"}],
    "rejected_items": [{"name": "Filtr", "qty": 1, "reason": "Ślady użytkowania niezgodnego z instrukcją."}],
    "refund_total": "199,99\u00a0PLN", "explanation": "Model nie jest już produkowany.",
    "appeal_until": "15 grudnia 2026", "further_rights": true,
    "received": [{"name": "Czajnik elektryczny", "qty": 1, "condition": "used"}],
    "statement": "Oświadczam, że odstępuję od umowy sprzedaży: Czajnik elektryczny.",
    "submitted_at": "1 grudnia 2026, 10:15 CET", "return_by": "15 grudnia 2026",
    "refund_due": "15 grudnia 2026", "deadline_code": "decision_due",
    "due_at": "15 grudnia 2026, 23:59 CET", "hours_left": 24, "by_customer": true})")
                      .as_object();
  v["customer_name"] =
      hostile ? "Jan\r\nBcc: evil@example.com <script>x</script>" : "Jan Kowalski";
  return v;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Mail, EveryTemplateInEveryLanguageMatchesItsGoldenFile) {
  const auto &texts = MailTexts::defaults();
  const bool update = std::getenv("RECLAIM_UPDATE_GOLDEN") != nullptr;
  for (const char *locale : {"pl", "en", "ru"}) {
    for (const auto name : kMailTemplates) {
      const auto mail = texts.render(name, locale, values_in(locale));
      EXPECT_FALSE(mail.subject.empty());
      EXPECT_NE(mail.subject.find("[RC-2026-000042]"), std::string::npos) << name << " " << locale;
      for (const auto *part : {&mail.subject, &mail.text, &mail.html}) {
        EXPECT_EQ(part->find("{{"), std::string::npos) << name << " " << locale;
      }
      const std::string golden = std::string(RECLAIM_FIXTURES) + "/mail-golden" + "/" + locale + "/" +
                                 std::string(name) + ".txt";
      const std::string rendered = "Subject: " + mail.subject + "\n\n" + mail.text;
      if (update) {
        std::ofstream(golden, std::ios::binary) << rendered;
        continue;
      }
      EXPECT_EQ(read_file(golden), rendered) << golden;
    }
  }
}

TEST(Mail, ValuesAreEscapedInHtmlAndNeverSplitTheSubject) {
  const auto &texts = MailTexts::defaults();
  auto hostile = values(true);
  hostile["case_number"] = "RC-1\r\nBcc: evil@example.com";
  for (const auto name : kMailTemplates) {
    const auto mail = texts.render(name, "en", hostile);
    EXPECT_EQ(mail.subject.find('\r'), std::string::npos);
    EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
    EXPECT_EQ(mail.html.find("<script>"), std::string::npos) << name;
  }
  const auto ack = texts.render("case.acknowledged", "en", hostile);
  EXPECT_NE(ack.html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(ack.text.find("<script>x</script>"), std::string::npos);  // plain text stays as is
}

TEST(Mail, TheLinkIsAButtonForCustomersAndALinkForStaff) {
  const auto &texts = MailTexts::defaults();
  const auto ack = texts.render("case.acknowledged", "pl", values());
  EXPECT_NE(ack.html.find("href=\"https://sklep.example/r/c/TOKEN?lang=pl\""), std::string::npos);
  EXPECT_NE(ack.text.find("https://sklep.example/r/c/TOKEN?lang=pl"), std::string::npos);
  EXPECT_NE(ack.text.find("Dzień dobry Jan Kowalski,"), std::string::npos);
  const auto staff = texts.render("staff.case_opened", "pl", values());
  EXPECT_NE(staff.html.find("<a href=\"https://sklep.example/r/staff/cases/RC-2026-000042\">"),
            std::string::npos);
  EXPECT_EQ(staff.text.find("Dzień dobry"), std::string::npos);
}

// A supplier's late answer is the shop's deadline too: the alert names it and the supplier.
TEST(Mail, ASupplierAnswerAlertNamesTheSupplier) {
  const auto &texts = MailTexts::defaults();
  const std::pair<const char *, const char *> wanted[] = {
      {"en", "Supplier: Elektro"}, {"pl", "Dostawca: Elektro"}, {"ru", "Поставщик: Elektro"}};
  for (const auto &[locale, line] : wanted) {
    auto v = values_in(locale);
    v["deadline_code"] = "supplier_answer_due";
    v["supplier"] = "Elektro";
    for (const char *name : {"staff.deadline_at_risk", "staff.deadline_breached"}) {
      const auto mail = texts.render(name, locale, v);
      EXPECT_NE(mail.text.find(line), std::string::npos) << name << " " << locale << mail.text;
      EXPECT_EQ(mail.subject.find("{{"), std::string::npos);
    }
  }
  auto v = values_in("en");
  v["deadline_code"] = "supplier_answer_due";
  EXPECT_NE(texts.render("staff.deadline_breached", "en", v)
                .subject.find("Deadline missed: supplier’s answer to the shop’s claim"),
            std::string::npos);
  // Without a supplier the line is left out, not left empty.
  EXPECT_EQ(texts.render("staff.deadline_breached", "en", values_in("en")).text.find("Supplier:"),
            std::string::npos);
}

TEST(Mail, UnknownLanguageIsEnglishAndUnknownTemplateIsRefused) {
  const auto &texts = MailTexts::defaults();
  EXPECT_EQ(texts.render("case.closed", "de", values()).html.find("<html lang=\"en\">") !=
                std::string::npos,
            true);
  EXPECT_THROW(texts.render("case.nope", "pl", values()), Error);
}

TEST(Mail, AShopOverridesOneTemplateAndBrokenOverridesAreRefused) {
  const auto &texts = MailTexts::defaults();
  const auto own = json::parse(R"({"pl":{"case.closed":{"subject":"[{{case_number}}] Koniec",
                                  "body":["Sprawa {{case_number}} zamknięta."]}}})").as_object();
  MailTexts::check_override(own, "messages");
  const auto mail = texts.render("case.closed", "pl", values(), &own);
  EXPECT_EQ(mail.subject, "[RC-2026-000042] Koniec");
  EXPECT_NE(mail.text.find("Sprawa RC-2026-000042 zamknięta."), std::string::npos);
  const auto other = texts.render("case.reopened", "pl", values(), &own);
  EXPECT_NE(other.subject, "[RC-2026-000042] Koniec");
  // A wording that passes the check but cannot be rendered for this case (sections nested over
  // a list, past the rendering's budget) gives way to ours: the mail is still written.
  std::string nested = "Sprawa {{case_number}}: ";
  for (int depth = 0; depth < 8; ++depth) nested += "{{#list}}";
  nested += ".";
  for (int depth = 0; depth < 8; ++depth) nested += "{{/list}}";
  json::object looping = {{"pl", {{"case.closed", {{"subject", "[{{case_number}}] Koniec"},
                                                   {"body", json::array{nested}}}}}}};
  MailTexts::check_override(looping, "messages");
  json::object many = values();
  many["list"] = json::array{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto fallen_back = texts.render("case.closed", "pl", many, &looping);
  EXPECT_EQ(fallen_back.subject, texts.render("case.closed", "pl", many).subject);
  EXPECT_EQ(fallen_back.text, texts.render("case.closed", "pl", many).text);
  for (const char *bad : {R"({"de":{}})", R"({"pl":{"case.nope":{"subject":"","body":[]}}})",
                          R"({"pl":{"case.closed":{"subject":"{{#a}}","body":[]}}})",
                          R"({"pl":{"case.closed":{"subject":"x"}}})"}) {
    EXPECT_THROW(MailTexts::check_override(json::parse(bad).as_object(), "messages"), Error) << bad;
  }
}

TEST(Mail, DatesAndMoneyInTheLanguage) {
  using date::December;
  EXPECT_EQ(long_date_text(Day{date::year{2026} / December / 14}, "ru"), "14 декабря 2026");
  EXPECT_EQ(local_money_text(Money{*Decimal::parse("199.99"), "PLN"}, "pl"), "199,99\u00a0PLN");
  EXPECT_EQ(local_money_text(Money{*Decimal::parse("199.99"), "EUR"}, "en"), "199.99\u00a0EUR");
  EXPECT_EQ(one_line("a\r\n b\tc  d"), "a b c d");
}

}  // namespace
}  // namespace reclaim::codec
