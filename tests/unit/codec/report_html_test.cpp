// The HTML report: well formed, inert (no script, no event attribute, no URL), escaped, tolerant
// of nulls, missing and unknown members, in three languages, bounded on large reports.
#include "codec/report_html.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "unit/codec/markup.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using test::Node;
using test::parse_markup;

json::object fixture(const std::string &name) {
  std::ifstream file(std::string(RECLAIM_FIXTURES) + "/reports/" + name);
  std::stringstream text;
  text << file.rdbuf();
  return json::parse(text.str()).as_object();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Well formed, one root element, and nothing that runs or fetches: no script or other active
// element, no event handler, no URL in any attribute or in the stylesheet.
void expect_inert(const std::string &html) {
  const auto parsed = parse_markup(html);
  ASSERT_EQ(parsed.error, "") << html.substr(0, 400);
  ASSERT_EQ(parsed.root->children.size(), 1u);
  const Node &top = *parsed.root->children.front();
  EXPECT_EQ(top.name, "div");
  EXPECT_EQ(top.attributes.at("class"), "rc-report");
  EXPECT_EQ(lower(html).find("<script"), std::string::npos);
  top.each([&](const Node &node) {
    static const char *const kActive[] = {"script", "iframe", "object", "embed",   "img",
                                          "link",   "a",      "use",    "image",   "foreignObject",
                                          "form",   "base",   "meta",   "animate", "set"};
    for (const char *active : kActive) EXPECT_NE(node.name, active);
    for (const auto &[name, value] : node.attributes) {
      const std::string n = lower(name), v = lower(value);
      EXPECT_FALSE(n.starts_with("on")) << name;
      EXPECT_NE(n, "href");
      EXPECT_NE(n, "src");
      EXPECT_NE(n, "xlink:href");
      EXPECT_NE(n, "style");
      for (const char *bad : {"http:", "https:", "//", "url(", "javascript:", "data:"}) {
        EXPECT_EQ(v.find(bad), std::string::npos) << name << "=" << value;
      }
    }
    if (node.name == "style") {
      const std::string css = lower(node.all_text());
      for (const char *bad : {"url(", "@import", "//", "expression(", "http"}) {
        EXPECT_EQ(css.find(bad), std::string::npos) << bad;
      }
    }
  });
}

const Node &top_of(const test::Parsed &parsed) { return *parsed.root->children.front(); }

json::object group(std::string key) {
  json::object g;
  g["key"] = std::move(key);
  g["opened"] = 3;
  g["decided"] = 2;
  g["deadline_compliance"] = 0.5;
  g["claim_rate"] = 0.25;
  g["units_sold"] = 12;
  g["units_claimed"] = 3;
  g["handling_hours"] = json::parse(R"({"mean":10.0,"median":8.0,"p90":20.0})");
  g["refunded"] = json::parse(R"([{"amount":"10.00","currency":"PLN"}])");
  g["top_reasons"] = json::parse(R"([{"reason":"defect","cases":2}])");
  return g;
}

json::object report_of(std::string group_by, json::array groups) {
  json::object r;
  r["shop"] = "default";
  r["from"] = "2026-11-01";
  r["to"] = "2026-11-30";
  r["timezone"] = "Europe/Warsaw";
  r["group_by"] = std::move(group_by);
  r["groups"] = std::move(groups);
  return r;
}

TEST(ReportHtml, TheDemoReportIsWellFormedAndInertInEveryLanguage) {
  for (const char *name : {"demo_week.json", "demo_sku.json"}) {
    for (const char *locale : {"pl", "en", "ru", "de"}) {
      SCOPED_TRACE(std::string(name) + " " + locale);
      expect_inert(report_to_html(fixture(name), locale));
    }
  }
}

TEST(ReportHtml, TheContractsExampleReadsAsItsFigures) {
  const auto parsed = parse_markup(report_to_html(fixture("contract_example.json"), "en"));
  ASSERT_EQ(parsed.error, "");
  const Node &top = top_of(parsed);
  const Node *row = top.find("table").back()->find("tbody").at(0)->children.at(0).get();
  std::vector<std::string> cells;
  for (const auto &cell : row->children) cells.push_back(cell->all_text());
  ASSERT_EQ(cells.size(), 28u);  // the key, 25 measures, refunded, top reasons
  EXPECT_EQ(cells[0], "Whole shop");
  EXPECT_EQ(cells[1], "4");                   // opened
  EXPECT_EQ(cells[8], "66.7%");               // acceptance rate
  EXPECT_EQ(cells[9], "22.0\xC2\xA0h");       // handling mean
  EXPECT_EQ(cells[17], "8.0\xC2\xA0h");       // first response p90
  EXPECT_EQ(cells[18], "100.0%");             // deadline compliance
  EXPECT_EQ(cells[21], "3.50");               // mean rating
  EXPECT_EQ(cells[24], "25.0%");              // repeat rate
  EXPECT_EQ(cells[26], "399.98\xC2\xA0PLN");  // refunded
  EXPECT_EQ(cells[27], "Defect (3)");
  const auto targets = top.find("ul").at(0)->children.size();
  EXPECT_EQ(targets, 3u);
  // No periods or SKUs in this document: those two charts are notes; reasons and compliance draw.
  EXPECT_EQ(top.find("svg").size(), 2u);
}

TEST(ReportHtml, SameInputSameBytes) {
  const auto report = fixture("demo_week.json");
  EXPECT_EQ(report_to_html(report, "pl"), report_to_html(report, "pl"));
  EXPECT_NE(report_to_html(report, "pl"), report_to_html(report, "en"));
}

TEST(ReportHtml, EachLocaleSpeaksItsLanguageWithNoKeyShowing) {
  const auto report = fixture("demo_week.json");
  const struct {
    const char *locale, *lang, *title, *met, *percent;
  } cases[] = {
      {"pl", "pl", "Raport reklamacji i zwrotów", "osiągnięty", "86,2\xC2\xA0%"},
      {"en", "en", "Complaints and returns report", "met", "86.2%"},
      {"ru", "ru", "Отчёт по рекламациям и возвратам", "достигнута", "86,2\xC2\xA0%"},
      {"xx", "en", "Complaints and returns report", "met", "86.2%"},
  };
  for (const auto &c : cases) {
    SCOPED_TRACE(c.locale);
    const auto parsed = parse_markup(report_to_html(report, c.locale));
    ASSERT_EQ(parsed.error, "");
    const Node &top = top_of(parsed);
    EXPECT_EQ(top.attributes.at("lang"), c.lang);
    EXPECT_EQ(top.find("h2").at(0)->all_text(), c.title);
    const std::string text = top.all_text();
    EXPECT_NE(text.find(c.met), std::string::npos);
    EXPECT_NE(text.find(c.percent), std::string::npos);  // satisfaction 0.8623
    for (const char *leak : {"col.", "chart.", "note.", "legend.", "target.", "group_by.",
                             "shown_of", "chart_data", "{n}"}) {
      EXPECT_EQ(text.find(leak), std::string::npos) << leak;
    }
  }
}

TEST(ReportHtml, DatesAndMoneyAreWrittenForTheReader) {
  const auto report = fixture("demo_week.json");
  const std::string pl = top_of(parse_markup(report_to_html(report, "pl"))).all_text();
  const std::string en = top_of(parse_markup(report_to_html(report, "en"))).all_text();
  EXPECT_NE(pl.find("28.09.2026"), std::string::npos);
  EXPECT_NE(en.find("2026-09-28"), std::string::npos);
  EXPECT_NE(pl.find("18\xC2\xA0"
                    "734,27\xC2\xA0PLN"),
            std::string::npos);  // totals.refunded
  EXPECT_NE(en.find("18,734.27\xC2\xA0PLN"), std::string::npos);
  EXPECT_NE(en.find("612.48\xC2\xA0"
                    "EUR"),
            std::string::npos);
}

TEST(ReportHtml, EveryChartIsAnImageWithATitleADescriptionAndItsDataAsATable) {
  const auto parsed = parse_markup(report_to_html(fixture("demo_week.json"), "en"));
  ASSERT_EQ(parsed.error, "");
  const auto svgs = top_of(parsed).find("svg");
  ASSERT_EQ(svgs.size(), 4u);  // periods, reasons, SKUs (top_skus), compliance
  for (const Node *svg : svgs) {
    EXPECT_EQ(svg->attributes.at("role"), "img");
    EXPECT_TRUE(svg->attributes.at("viewBox").starts_with("0 0 340 "));
    EXPECT_EQ(svg->attributes.at("width"), "100%");
    ASSERT_GE(svg->children.size(), 2u);
    EXPECT_EQ(svg->children[0]->name, "title");
    EXPECT_FALSE(svg->children[0]->text.empty());
    EXPECT_EQ(svg->children[1]->name, "desc");
    EXPECT_FALSE(svg->children[1]->text.empty());
    const Node *figure = svg->parent;
    EXPECT_EQ(figure->name, "figure");
    EXPECT_EQ(figure->find("figcaption").size(), 1u);
    EXPECT_EQ(figure->find("details").size(), 1u);
    EXPECT_EQ(figure->find("table").size(), 1u);
  }
  // The ranked reasons come from totals.top_reasons, largest first, named in English.
  const std::string reasons = svgs[1]->children[1]->text;
  EXPECT_NE(reasons.find("Defect: 61; Size or fit: 38"), std::string::npos) << reasons;
  // The main table: a caption, column headers, one row per group and the totals in the footer.
  const auto tables = top_of(parsed).find("table");
  const Node *main = tables.back();
  EXPECT_EQ(main->find("caption").size(), 1u);
  EXPECT_EQ(main->find("tbody").at(0)->children.size(), 14u);
  EXPECT_EQ(main->find("tfoot").size(), 1u);
  for (const Node *th : main->find("th")) EXPECT_EQ(th->attributes.count("scope"), 1u);
}

TEST(ReportHtml, TargetsSayMetOrNotMetInWords) {
  const auto parsed = parse_markup(report_to_html(fixture("demo_sku.json"), "en"));
  ASSERT_EQ(parsed.error, "");
  const Node *targets = top_of(parsed).find("ul").at(0);
  ASSERT_EQ(targets->attributes.at("class"), "rc-report-targets");
  ASSERT_EQ(targets->children.size(), 3u);
  EXPECT_EQ(targets->children[0]->all_text(),
            "Average handling time 27.5\xC2\xA0h (target \xE2\x89\xA4 24.0\xC2\xA0h) "
            "\xE2\x9C\x97 not met");
  EXPECT_EQ(targets->children[1]->all_text(),
            "Customer satisfaction \xE2\x80\x94 (target \xE2\x89\xA5 90.0%) \xE2\x80\x94 no data");
  EXPECT_EQ(targets->children[2]->all_text(), "Repeat cases 2.0% (target < 5.0%) \xE2\x9C\x93 met");
}

TEST(ReportHtml, HostileKeysAreEscapedEverywhere) {
  const std::string long_key(5000, 'W');
  const std::string keys[] = {
      "<script>alert(1)</script>",
      "\"><svg onload=alert(1)>",
      "' onmouseover='alert(1)",
      "javascript:alert(1)",
      "abc\xE2\x80\xAEgpj.exe",
      "Żółć Кофта 款式 مرحبا",
      "&amp; &lt; &#x3C;",
      "]]><!--",
      long_key,
  };
  for (const char *by : {"sku", "reason", "assignee", "week"}) {
    json::array groups;
    for (const auto &key : keys) groups.push_back(group(key));
    auto report = report_of(by, groups);
    report["shop"] = "<b>shop</b>\"'";
    report["timezone"] = "</style><script>x()</script>";
    json::array top_skus;
    for (const auto &key : keys) {
      json::object sku;
      sku["key"] = key;
      sku["claim_rate"] = 0.5;
      top_skus.push_back(sku);
    }
    report["top_skus"] = top_skus;
    json::object totals = group("all");
    json::array reasons;
    for (const auto &key : keys) reasons.push_back(json::object{{"reason", key}, {"cases", 1}});
    totals["top_reasons"] = reasons;
    totals["refunded"] = json::array{json::object{{"amount", "<i>1</i>"}, {"currency", "\"EUR"}}};
    report["totals"] = totals;
    for (const char *locale : {"pl", "en", "ru"}) {
      SCOPED_TRACE(std::string(by) + " " + locale);
      const std::string html = report_to_html(report, locale);
      expect_inert(html);
      EXPECT_EQ(html.find("<svg onload"), std::string::npos);
      EXPECT_EQ(html.find("<b>"), std::string::npos);
      EXPECT_EQ(html.find("<i>"), std::string::npos);
      EXPECT_EQ(html.find("\xE2\x80\xAE"), std::string::npos);  // the override is gone
      const auto parsed = parse_markup(html);
      const Node &top = top_of(parsed);
      const std::string text = top.all_text();
      // Each key is there as text, exactly as given (the override replaced), in the table.
      for (const auto &key : {keys[0], keys[1], keys[2], keys[3], keys[5], keys[6], keys[7]}) {
        EXPECT_NE(text.find(key), std::string::npos) << key;
      }
      EXPECT_NE(text.find("abc\xEF\xBF\xBDgpj.exe"), std::string::npos);
      EXPECT_NE(text.find("<b>shop</b>\"'"), std::string::npos);
      EXPECT_NE(text.find("<i>1</i>\xC2\xA0\"EUR"), std::string::npos);
      // Inside SVG text labels stay short; the long key is whole in the table.
      for (const Node *svg : top.find("svg")) {
        for (const Node *label : svg->find("text")) EXPECT_LE(label->text.size(), 49u * 4);
      }
      EXPECT_NE(text.find(long_key), std::string::npos);
      // No value reaches an attribute; in the charts each key is text of <text> and <desc>.
      top.each([&](const Node &node) {
        for (const auto &[name, value] : node.attributes) {
          EXPECT_EQ(value.find("alert"), std::string::npos) << name;
        }
      });
      const auto svgs = top.find("svg");
      const Node *skus = svgs.at(std::string(by) == "week" ? 2 : 1);  // after periods or reasons
      std::string labels;
      for (const Node *label : skus->find("text")) labels += label->text + "\n";
      for (const auto &key : {keys[0], keys[1], keys[2], keys[5]}) {
        EXPECT_NE(skus->find("desc").at(0)->text.find(key), std::string::npos) << key;
        EXPECT_NE(labels.find(key + "\n"), std::string::npos) << key;
      }
    }
  }
}

TEST(ReportHtml, NullAndMissingMeasuresAreDashes) {
  auto g = json::parse(R"({"key":"all","opened":0,"decided":0,"resolved":0,"open":0,
      "overdue":0,"accepted":0,"rejected":0,"acceptance_rate":null,
      "handling_hours":{"mean":null,"median":null,"p90":null},"resolution_hours":null,
      "first_response_hours":{},"deadline_compliance":null,"breaches":0,
      "csat":{"ratings":0,"mean":null,"satisfied_share":null,"response_rate":null},
      "repeat_rate":null,"reopen_rate":null,"refunded":[],"units_sold":null,
      "units_claimed":0,"claim_rate":null,"top_reasons":[]})");
  auto report = report_of("none", json::array{g});
  report["targets"] = json::parse(R"({"handling_hours":{"target":24,"value":null,"met":null},
      "satisfaction":{"target":0.9,"value":null,"met":false}})");
  for (const char *locale : {"pl", "en", "ru"}) {
    const std::string html = report_to_html(report, locale);
    expect_inert(html);
    const auto parsed = parse_markup(html);
    const Node *row =
        top_of(parsed).find("table").back()->find("tbody").at(0)->children.at(0).get();
    std::size_t dashes = 0;
    for (const Node *cell : row->find("td")) dashes += cell->all_text() == "\xE2\x80\x94";
    EXPECT_GE(dashes, 16u);
    for (const Node *cell : top_of(parsed).find("td")) {
      const std::string text = lower(cell->all_text());
      for (const char *bad : {"null", "nan", "inf"}) EXPECT_EQ(text.find(bad), std::string::npos);
    }
  }
}

TEST(ReportHtml, WrongTypesAndEmptyDocumentsStillRender) {
  const char *documents[] = {
      "{}",
      R"({"groups":[]})",
      R"({"groups":"x","targets":[],"totals":5,"periods":{},"top_skus":"y","group_by":7})",
      R"({"group_by":"week","groups":[1,null,"a",{"key":5,"opened":"many",
          "handling_hours":"x","refunded":[{"amount":7},{"currency":"PLN"},3],
          "top_reasons":[{"reason":null,"cases":"x"},5]}]})",
      R"({"group_by":"something_new","groups":[{"key":"k","opened":1e300}],
          "from":"yesterday","to":12})",
  };
  for (const char *document : documents) {
    SCOPED_TRACE(document);
    expect_inert(report_to_html(json::parse(document).as_object(), "pl"));
  }
  const std::string empty = report_to_html(report_of("reason", {}), "en");
  EXPECT_NE(empty.find("No cases in this period."), std::string::npos);
}

TEST(ReportHtml, PeriodChartComesFromPeriodGroupsOrAPeriodsSeries) {
  json::array weeks;
  for (int i = 1; i <= 30; ++i) {
    auto g = group("2026-W" + std::to_string(i));
    if (i == 28) g["handling_hours"] = nullptr;  // a gap in the line
    weeks.push_back(g);
  }
  const auto parsed = parse_markup(report_to_html(report_of("week", weeks), "en"));
  const Node *svg = top_of(parsed).find("svg").at(0);
  EXPECT_EQ(svg->find("rect").size(), 24u + 1);  // the latest 24 periods, and the legend
  const std::string path = svg->find("path").at(0)->attributes.at("d");
  EXPECT_EQ(std::count(path.begin(), path.end(), 'M'), 2);
  EXPECT_NE(top_of(parsed).all_text().find("showing 24 of 30"), std::string::npos);

  // Grouped by reason, with a periods series given alongside.
  auto by_reason = report_of("reason", json::array{group("defect")});
  by_reason["periods"] = json::array{group("2026-11"), group("2026-12")};
  const auto p2 = parse_markup(report_to_html(by_reason, "en"));
  EXPECT_EQ(top_of(p2).find("svg").at(0)->find("rect").size(), 2u + 1);
  // Without either, the chart is a note.
  const std::string none = report_to_html(report_of("reason", json::array{group("defect")}), "en");
  EXPECT_NE(none.find("This report has no period series"), std::string::npos);
  EXPECT_NE(none.find("This report has no per-SKU figures"), std::string::npos);
}

TEST(ReportHtml, AThousandGroupsRenderWithBoundedCharts) {
  json::array groups;
  for (int i = 0; i < 1000; ++i) {
    auto g = group("SKU-" + std::to_string(i));
    g["claim_rate"] = (i % 97) / 100.0;
    groups.push_back(g);
  }
  const std::string html = report_to_html(report_of("sku", groups), "en");
  EXPECT_LT(html.size(), 3'000'000u);
  expect_inert(html);
  const auto parsed = parse_markup(html);
  const auto svgs = top_of(parsed).find("svg");
  // SKUs and compliance; no period series, and no reasons: per SKU a case can count twice.
  ASSERT_EQ(svgs.size(), 2u);
  for (const Node *svg : svgs) EXPECT_EQ(svg->find("rect").size(), 2u * 10);
  // The SKU chart ranks by claim rate: 0.96 first (SKU-96, -193, -290, …), equals by name.
  EXPECT_EQ(svgs[0]->find("text").at(0)->text, "SKU-193");
  EXPECT_EQ(svgs[0]->find("text").at(1)->text, "96.0%");
  // Deadline compliance: the groups with the most decisions, at most ten.
  EXPECT_NE(svgs[1]->children[1]->text.find("showing 10 of 1000"), std::string::npos);
  EXPECT_EQ(top_of(parsed).find("table").back()->find("tbody").at(0)->children.size(), 1000u);
}

// docs/REPORTS-HTML.md gives hosts the hash to allow the stylesheet by; it must be this one.
TEST(ReportHtml, TheDocumentedStylesheetHashIsCurrent) {
  const std::string hex = sha256_hex(report_html_stylesheet());
  std::string digest;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    digest += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  std::string base64 = base64url_encode(digest);
  std::replace(base64.begin(), base64.end(), '-', '+');
  std::replace(base64.begin(), base64.end(), '_', '/');
  while (base64.size() % 4 != 0) base64 += '=';
  std::ifstream file(std::string(RECLAIM_FIXTURES) + "/../../docs/REPORTS-HTML.md");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find("sha256-" + base64), std::string::npos)
      << "update docs/REPORTS-HTML.md to sha256-" << base64;
  // And the fragment carries exactly that stylesheet.
  const std::string html = report_to_html(json::object{}, "en");
  EXPECT_NE(html.find("<style>" + std::string(report_html_stylesheet()) + "</style>"),
            std::string::npos);
}

}  // namespace
}  // namespace reclaim
