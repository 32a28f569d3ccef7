// Numbers and text of the HTML report: locale formatting, cleaning and shortening.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "codec/html_text.hpp"
#include "codec/report_labels.hpp"
#include "codec/report_numbers.hpp"

namespace reclaim {
namespace {

const std::string nbsp = "\xC2\xA0";

TEST(ReportNumbers, CountsGroupThousandsPerLocale) {
  EXPECT_EQ(report::NumberFormat("pl").count(1234567), "1" + nbsp + "234" + nbsp + "567");
  EXPECT_EQ(report::NumberFormat("ru").count(1234), "1" + nbsp + "234");
  EXPECT_EQ(report::NumberFormat("en").count(1234567), "1,234,567");
  EXPECT_EQ(report::NumberFormat("en").count(999), "999");
  EXPECT_EQ(report::NumberFormat("en").count(0), "0");
  const std::string huge = report::NumberFormat("en").count(1e300);
  EXPECT_EQ(huge.size(), 301u + 100u);  // every digit, and a comma between thousands
  EXPECT_EQ(huge.find_first_not_of("0123456789,"), std::string::npos);
}

TEST(ReportNumbers, DecimalsUseTheLocalesSeparator) {
  EXPECT_EQ(report::NumberFormat("pl").fixed(1234.25, 2), "1" + nbsp + "234,25");
  EXPECT_EQ(report::NumberFormat("en").fixed(1234.25, 2), "1,234.25");
  EXPECT_EQ(report::NumberFormat("pl").hours(22), "22,0" + nbsp + "h");
  EXPECT_EQ(report::NumberFormat("ru").hours(3.45), "3,5" + nbsp + "ч");
  EXPECT_EQ(report::NumberFormat("en").fixed(-0.01, 1), "0.0");  // no "-0.0"
  EXPECT_EQ(report::NumberFormat("en").fixed(-2.5, 1), "-2.5");
}

TEST(ReportNumbers, PercentagesComeFromFractions) {
  EXPECT_EQ(report::NumberFormat("pl").percent(0.6667), "66,7" + nbsp + "%");
  EXPECT_EQ(report::NumberFormat("en").percent(0.6667), "66.7%");
  EXPECT_EQ(report::NumberFormat("ru").percent(1.0), "100,0" + nbsp + "%");
}

TEST(ReportNumbers, MoneyKeepsItsDigitsAndCurrency) {
  EXPECT_EQ(report::NumberFormat("pl").money("1234.50", "PLN"),
            "1" + nbsp + "234,50" + nbsp + "PLN");
  EXPECT_EQ(report::NumberFormat("en").money("1234567.005", "EUR"), "1,234,567.005" + nbsp + "EUR");
  EXPECT_EQ(report::NumberFormat("en").money("-0.10", "EUR"), "-0.10" + nbsp + "EUR");
  EXPECT_EQ(report::NumberFormat("pl").money("399", "PLN"), "399" + nbsp + "PLN");
  // Not a plain decimal: shown as given, never reinterpreted.
  EXPECT_EQ(report::NumberFormat("pl").money("1e5", "PLN"), "1e5" + nbsp + "PLN");
  EXPECT_EQ(report::NumberFormat("pl").money("12.", "PLN"), "12." + nbsp + "PLN");
}

TEST(ReportNumbers, OnlyFiniteJsonNumbersAreNumbers) {
  const auto doc =
      boost::json::parse(R"({"i":3,"u":18446744073709551615,"d":2.5,"s":"4","n":null})");
  const auto &o = doc.as_object();
  EXPECT_EQ(report::number(o.if_contains("i")), 3.0);
  EXPECT_EQ(report::number(o.if_contains("d")), 2.5);
  EXPECT_TRUE(report::number(o.if_contains("u")).has_value());
  EXPECT_FALSE(report::number(o.if_contains("s")).has_value());
  EXPECT_FALSE(report::number(o.if_contains("n")).has_value());
  EXPECT_FALSE(report::number(o.if_contains("missing")).has_value());
}

TEST(HtmlText, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(escape_html(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(HtmlText, CleaningReplacesWhatCouldMisleadOrBreakMarkup) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(clean_text("Żółć Кофта 款式"), "Żółć Кофта 款式");
  EXPECT_EQ(clean_text("abc\xE2\x80\xAEgpj.exe"), "abc" + fffd + "gpj.exe");  // RLO
  EXPECT_EQ(clean_text("\xE2\x81\xA6x\xE2\x81\xA9"), fffd + "x" + fffd);      // isolates
  EXPECT_EQ(clean_text(std::string("a\0b\x1b", 4)), "a" + fffd + "b" + fffd);
  EXPECT_EQ(clean_text("tab\tnewline\n"), "tab\tnewline\n");
  EXPECT_EQ(clean_text("\xC3"), fffd);                        // truncated
  EXPECT_EQ(clean_text("\xC0\xAF"), fffd + fffd);             // overlong "/"
  EXPECT_EQ(clean_text("\xED\xA0\x80"), fffd + fffd + fffd);  // a surrogate
  EXPECT_EQ(clean_text("\xEF\xBF\xBF"), fffd);                // U+FFFF is not XML
}

TEST(HtmlText, ShorteningCountsCharactersNotBytes) {
  EXPECT_EQ(shorten_text("Кофта", 3), "Коф\xE2\x80\xA6");
  EXPECT_EQ(shorten_text("Кофта", 5), "Кофта");
  EXPECT_EQ(shorten_text("abc", 10), "abc");
}

TEST(ReportLabels, EachLocaleHasItsOwnWords) {
  using report::Lang;
  EXPECT_EQ(report::label("title", Lang::pl), "Raport reklamacji i zwrotów");
  EXPECT_EQ(report::label("title", Lang::en), "Complaints and returns report");
  EXPECT_EQ(report::label("title", Lang::ru), "Отчёт по рекламациям и возвратам");
  EXPECT_EQ(report::lang_of("de"), Lang::en);
  EXPECT_EQ(report::label("no.such.key", Lang::pl), "no.such.key");
  EXPECT_EQ(report::word_label("defect", Lang::ru), "Дефект");
  EXPECT_FALSE(report::word_label("SKU-1", Lang::pl).has_value());
}

}  // namespace
}  // namespace reclaim
