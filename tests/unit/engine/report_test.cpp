// Reports on a hand-built history (manual clock): every measure of every grouping against numbers
// worked out by hand (docs/REPORTS.md walks through the same history), time-zone edges, empty
// periods, cases without an order, several currencies, and refused queries.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/json_text.hpp"
#include "codec/report_json.hpp"
#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/documents.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig warsaw_config(const std::string &database = "sqlite::memory:") {
  EngineConfig config;
  config.storage.database = database;
  config.storage.pool = 1;
  config.manual_clock = true;
  ShopConfig shop;
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  config.shops = {shop};
  return config;
}

UnixMs at(const char *text) { return *parse_rfc3339(text); }
constexpr UnixMs kHour = kMsPerHour;

Order order(const std::string &id, const char *placed,
            std::vector<std::tuple<std::string, std::string, std::int64_t, std::string, std::string,
                                   std::string>>
                lines) {
  Order o;
  o.id = id;
  o.number = "#" + id;
  o.currency = "PLN";
  o.placed_at = at(placed);
  o.customer.email = "buyer@example.pl";
  for (const auto &[line_id, sku, qty, price, category, supplier] : lines) {
    OrderLine line;
    line.id = line_id;
    line.sku = sku;
    line.name = sku;
    line.qty = qty;
    line.unit_price = *Decimal::parse(price);
    line.category = category;
    line.supplier = supplier;
    o.lines.push_back(line);
  }
  return o;
}

class History {
 public:
  explicit History(EngineConfig config = warsaw_config()) : engine(config) {}

  std::string open(UnixMs when, const std::string &request) {
    engine.set_clock(when);
    const auto document = json::parse(request);
    return std::string(
        engine.open_case(codec::open_request_from_json(document), json::serialize(document)).subject.id);
  }
  void act(const std::string &id, UnixMs when, const std::string &action) {
    engine.set_clock(when);
    const auto document = json::parse(action);
    engine.act(id, codec::action_request_from_json(document), json::serialize(document));
  }
  json::object report(const std::string &query) {
    return codec::to_json(engine.report(codec::report_query_from_json(json::parse(query))));
  }

  Engine engine;
};

std::string case_on(const std::string &email, const std::string &order_id, const std::string &line,
                    int qty, const std::string &reason, const std::string &kind = "complaint") {
  return R"({"kind":")" + kind + R"(","channel":"web","actor":{"role":"host"},"order_id":")" +
         order_id + R"(","customer":{"email":")" + email + R"("},"items":[{"line":")" + line +
         R"(","qty":)" + std::to_string(qty) + R"(,"reason":")" + reason + R"("}]})";
}

const char *kAgent = R"("actor":{"role":"agent","id":"anna"})";
const char *kCustomer = R"("actor":{"role":"customer"})";

std::string action(const std::string &body, const char *actor = kAgent) {
  return "{" + body + "," + actor + "}";
}

// The worked example of docs/REPORTS.md: seven cases in November 2026 (Europe/Warsaw) and two
// just outside it, reported on at 2026-12-01T12:00:00Z.
class WorkedExample : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Engine &e = h.engine;
    e.set_clock(at("2026-11-01T08:00:00Z"));
    e.import_order("default", order("O1", "2026-11-01T08:00:00Z",
                                    {{"1", "KET-1", 2, "199.99", "kitchen", "Elektro"},
                                     {"2", "TOS-1", 1, "89.00", "kitchen", "Elektro"}}));
    e.import_order("default", order("O2", "2026-11-01T09:00:00Z",
                                    {{"1", "MUG-1", 4, "15.00", "tableware", "Ceramika"}}));
    e.import_order("default", order("O3", "2026-11-06T08:00:00Z",
                                    {{"1", "TOS-1", 1, "89.00", "kitchen", "Elektro"}}));
    // Ordered in October (not sold in November): its units are not November's sales.
    e.import_order("default", order("O0", "2026-10-20T08:00:00Z",
                                    {{"1", "KET-1", 5, "199.99", "kitchen", "Elektro"}}));

    // Just before the period: 23:30 on 31 October in Warsaw.
    h.open(at("2026-10-31T22:30:00Z"), case_on("jan@example.pl", "O0", "1", 1, "defect"));

    const UnixMs a0 = at("2026-11-02T09:00:00Z");
    const auto a = h.open(a0, case_on("jan@example.pl", "O1", "1", 2, "defect"));
    h.act(a, a0 + kHour / 2,
          action(R"("action":"comment","message":"We are on it","customer_visible":true)"));
    h.act(a, a0 + 6 * kHour, action(R"("action":"accept","resolution":{"type":"refund"})"));
    h.act(a, a0 + 12 * kHour, action(R"("action":"fulfil","reference":"R-1")"));
    h.act(a, a0 + 13 * kHour, action(R"("action":"rate","score":5)", kCustomer));
    h.act(a, a0 + 14 * kHour, action(R"("action":"close")"));

    const UnixMs b0 = at("2026-11-03T09:00:00Z");
    const auto b = h.open(b0, case_on("ola@example.pl", "O2", "1", 1, "defect"));
    h.act(b, b0 + 2 * kHour, action(R"("action":"request_info","message":"A photo, please")"));
    h.act(b, b0 + 3 * kHour, action(R"("action":"reply","message":"Here")", kCustomer));
    h.act(b, b0 + 12 * kHour, action(R"("action":"accept","resolution":{"type":"replacement"})"));
    h.act(b, b0 + 24 * kHour, action(R"("action":"fulfil")"));
    h.act(b, b0 + 30 * kHour, action(R"("action":"rate","score":2)", kCustomer));

    const UnixMs c0 = at("2026-11-05T09:00:00Z");
    const auto c = h.open(c0, case_on("jan@example.pl", "O1", "2", 1, "wrong_item"));
    h.act(c, c0 + 8 * kHour,
          action(R"("action":"comment","message":"Checking","customer_visible":true)"));
    h.act(c, c0 + 48 * kHour, action(R"("action":"reject","reason":"It is the toaster ordered")"));
    h.act(c, c0 + 50 * kHour, action(R"("action":"reopen","reason":"It is not")", kCustomer));
    h.act(c, c0 + 60 * kHour,
          action(R"("action":"reject","reason":"Photos show the model ordered")"));

    // No order: goods bought elsewhere, priced in euro, taken by phone.
    const UnixMs d0 = at("2026-11-10T09:00:00Z");
    const auto d =
        h.open(d0, R"({"kind":"complaint","channel":"phone","actor":{"role":"agent","id":"anna"},
      "customer":{"email":"eva@example.de"},"items":[{"sku":"LAMP-9","name":"Lamp","qty":1,
      "unit_price":"120.00","currency":"EUR","reason":"transport_damage"}]})");
    h.act(d, d0 + kHour, action(R"("action":"accept","resolution":{"type":"refund"})"));

    // Never answered: overdue by December.
    h.open(at("2026-11-06T09:00:00Z"), case_on("piotr@example.pl", "O3", "1", 1, "defect"));

    const UnixMs g0 = at("2026-11-12T09:00:00Z");
    const auto g = h.open(g0, case_on("jan@example.pl", "O2", "1", 1, "changed_mind", "return"));
    h.act(g, g0 + kHour, action(R"("action":"cancel")", kCustomer));

    // 23:30 on 30 November in Warsaw: the period's last half hour.
    h.open(at("2026-11-30T22:30:00Z"), case_on("ola@example.pl", "O2", "1", 2, "defect"));
    // 00:30 on 1 December in Warsaw: outside.
    h.open(at("2026-11-30T23:30:00Z"), case_on("ola@example.pl", "O2", "1", 1, "defect"));

    h.engine.set_clock(at("2026-12-01T12:00:00Z"));
  }

  History h{warsaw_config(test::fresh_database(GetParam()))};
};

INSTANTIATE_TEST_SUITE_P(Backends, WorkedExample, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

// Every member of `expected` equals the same member of `actual` (numbers compared as numbers).
void expect_subset(const json::value &actual, const json::value &expected,
                   const std::string &path) {
  if (expected.is_number() && actual.is_number()) {
    EXPECT_DOUBLE_EQ(actual.to_number<double>(), expected.to_number<double>()) << path;
    return;
  }
  if (expected.is_object() && actual.is_object()) {
    for (const auto &member : expected.get_object()) {
      const auto *found = actual.get_object().if_contains(member.key());
      ASSERT_NE(found, nullptr) << path << "." << member.key();
      expect_subset(*found, member.value(), path + "." + std::string(member.key()));
    }
    return;
  }
  if (expected.is_array() && actual.is_array()) {
    ASSERT_EQ(actual.get_array().size(), expected.get_array().size()) << path;
    for (std::size_t i = 0; i < expected.get_array().size(); ++i) {
      expect_subset(actual.get_array()[i], expected.get_array()[i],
                    path + "[" + std::to_string(i) + "]");
    }
    return;
  }
  EXPECT_EQ(actual, expected) << path;
}

void expect_group(const json::object &report, const std::string &key, const char *expected) {
  for (const auto &group : report.at("groups").as_array()) {
    if (group.at("key") == key.c_str()) {
      expect_subset(group, json::parse(expected), key);
      return;
    }
  }
  ADD_FAILURE() << "no group " << key << " in " << json::serialize(report.at("groups"));
}

std::vector<std::string> keys(const json::object &report) {
  std::vector<std::string> out;
  for (const auto &group : report.at("groups").as_array()) {
    out.emplace_back(group.at("key").as_string());
  }
  return out;
}

const char *kNovember = R"({"from":"2026-11-01","to":"2026-11-30")";

std::string november(const std::string &more = "") { return std::string(kNovember) + more + "}"; }

TEST_P(WorkedExample, TotalsMatchTheHandCalculation) {
  const auto report = h.report(november());
  EXPECT_EQ(report.at("from"), "2026-11-01");
  EXPECT_EQ(report.at("to"), "2026-11-30");
  EXPECT_EQ(report.at("timezone"), "Europe/Warsaw");
  EXPECT_EQ(report.at("group_by"), "none");
  ASSERT_EQ(keys(report), std::vector<std::string>{"all"});
  const char *all = R"({"key":"all","opened":7,"decided":4,"resolved":2,"open":3,"overdue":1,
    "accepted":3,"rejected":1,"acceptance_rate":0.75,
    "handling_hours":{"mean":19.75,"median":9.0,"p90":60.0},
    "resolution_hours":{"mean":18.0,"median":18.0,"p90":24.0},
    "first_response_hours":{"mean":2.88,"median":1.5,"p90":8.0},
    "deadline_compliance":1.0,"breaches":1,
    "csat":{"ratings":2,"mean":3.5,"satisfied_share":0.5,"response_rate":0.6667},
    "repeat_rate":0.2857,"reopen_rate":0.1429,
    "refunded":[{"amount":"120.00","currency":"EUR"},{"amount":"399.98","currency":"PLN"}],
    "units_sold":null,"units_claimed":8,"claim_rate":null,
    "top_reasons":[{"reason":"defect","cases":4},{"reason":"changed_mind","cases":1},
                   {"reason":"transport_damage","cases":1}]})";
  expect_group(report, "all", all);
  expect_subset(report.at("totals"), json::parse(all), "totals");
  expect_subset(report.at("targets"), json::parse(R"({
    "handling_hours":{"target":24,"value":19.75,"met":true},
    "satisfaction":{"target":0.9,"value":0.5,"met":false},
    "repeat_rate":{"target":0.05,"value":0.2857,"met":false}})"),
                "targets");
}

TEST_P(WorkedExample, BySku) {
  const auto report = h.report(november(R"(,"group_by":"sku","min_units_sold":2)"));
  // Enough sales first, by claim rate (ties: units claimed, then name); then the rare ones.
  EXPECT_EQ(keys(report), (std::vector<std::string>{"KET-1", "TOS-1", "MUG-1", "LAMP-9"}));
  expect_group(report, "KET-1", R"({"opened":1,"decided":1,"resolved":1,"open":0,"overdue":0,
    "accepted":1,"rejected":0,"acceptance_rate":1.0,"handling_hours":{"mean":6.0,"median":6.0,"p90":6.0},
    "resolution_hours":{"mean":12.0,"median":12.0,"p90":12.0},
    "first_response_hours":{"mean":0.5,"median":0.5,"p90":0.5},"deadline_compliance":1.0,"breaches":0,
    "csat":{"ratings":1,"mean":5.0,"satisfied_share":1.0,"response_rate":1.0},
    "repeat_rate":0.0,"reopen_rate":0.0,"refunded":[{"amount":"399.98","currency":"PLN"}],
    "units_sold":2,"units_claimed":2,"claim_rate":1.0,"low_volume":false,
    "top_reasons":[{"reason":"defect","cases":1}]})");
  expect_group(report, "TOS-1", R"({"opened":2,"decided":1,"resolved":0,"open":1,"overdue":1,
    "accepted":0,"rejected":1,"acceptance_rate":0.0,"handling_hours":{"mean":60.0,"median":60.0,"p90":60.0},
    "resolution_hours":{"mean":null,"median":null,"p90":null},
    "first_response_hours":{"mean":8.0,"median":8.0,"p90":8.0},"deadline_compliance":1.0,"breaches":1,
    "csat":{"ratings":0,"mean":null,"satisfied_share":null,"response_rate":0.0},
    "repeat_rate":0.5,"reopen_rate":0.5,"refunded":[],
    "units_sold":2,"units_claimed":2,"claim_rate":1.0,"low_volume":false,
    "top_reasons":[{"reason":"defect","cases":1},{"reason":"wrong_item","cases":1}]})");
  expect_group(report, "MUG-1", R"({"opened":3,"decided":1,"resolved":1,"open":1,"overdue":0,
    "accepted":1,"rejected":0,"acceptance_rate":1.0,"handling_hours":{"mean":12.0,"median":12.0,"p90":12.0},
    "resolution_hours":{"mean":24.0,"median":24.0,"p90":24.0},
    "first_response_hours":{"mean":2.0,"median":2.0,"p90":2.0},"deadline_compliance":1.0,"breaches":0,
    "csat":{"ratings":1,"mean":2.0,"satisfied_share":0.0,"response_rate":1.0},
    "repeat_rate":0.3333,"reopen_rate":0.0,"refunded":[],
    "units_sold":4,"units_claimed":3,"claim_rate":0.75,"low_volume":false,
    "top_reasons":[{"reason":"defect","cases":2},{"reason":"changed_mind","cases":1}]})");
  expect_group(report, "LAMP-9", R"({"opened":1,"decided":1,"resolved":0,"open":1,"accepted":1,
    "handling_hours":{"mean":1.0,"median":1.0,"p90":1.0},"first_response_hours":{"mean":1.0},
    "csat":{"ratings":0,"response_rate":null},"repeat_rate":0.0,
    "refunded":[{"amount":"120.00","currency":"EUR"}],
    "units_sold":0,"units_claimed":1,"claim_rate":null,"low_volume":true,
    "top_reasons":[{"reason":"transport_damage","cases":1}]})");
  // The default threshold (10 units) leaves every SKU of this small shop low-volume.
  const auto rare = h.report(november(R"(,"group_by":"sku")"));
  EXPECT_EQ(keys(rare), (std::vector<std::string>{"MUG-1", "KET-1", "TOS-1", "LAMP-9"}));
  const auto top = h.report(november(R"(,"group_by":"sku","min_units_sold":2,"limit":2)"));
  EXPECT_EQ(keys(top), (std::vector<std::string>{"KET-1", "TOS-1"}));
  // Totals stay the whole shop's.
  EXPECT_EQ(top.at("totals").at("opened"), 7);
}

TEST_P(WorkedExample, BySupplierAndCategory) {
  const auto suppliers = h.report(november(R"(,"group_by":"supplier","min_units_sold":2)"));
  EXPECT_EQ(keys(suppliers), (std::vector<std::string>{"Elektro", "Ceramika", "unknown"}));
  expect_group(suppliers, "Elektro", R"({"opened":3,"decided":2,"resolved":1,"open":1,"overdue":1,
    "accepted":1,"rejected":1,"acceptance_rate":0.5,"handling_hours":{"mean":33.0,"median":33.0,"p90":60.0},
    "first_response_hours":{"mean":4.25,"median":4.25,"p90":8.0},"breaches":1,
    "csat":{"ratings":1,"mean":5.0,"satisfied_share":1.0,"response_rate":0.5},
    "repeat_rate":0.3333,"reopen_rate":0.3333,"refunded":[{"amount":"399.98","currency":"PLN"}],
    "units_sold":4,"units_claimed":4,"claim_rate":1.0,"low_volume":false})");
  expect_group(suppliers, "Ceramika",
               R"({"opened":3,"units_sold":4,"units_claimed":3,"claim_rate":0.75})");
  expect_group(suppliers, "unknown",
               R"({"opened":1,"units_sold":0,"units_claimed":1,"low_volume":true})");
  const auto categories = h.report(november(R"(,"group_by":"category","min_units_sold":2)"));
  EXPECT_EQ(keys(categories), (std::vector<std::string>{"kitchen", "tableware", "unknown"}));
  expect_group(categories, "kitchen",
               R"({"opened":3,"units_sold":4,"units_claimed":4,"claim_rate":1.0})");
}

TEST_P(WorkedExample, ByReasonResolutionChannelKindAssignee) {
  const auto reasons = h.report(november(R"(,"group_by":"reason")"));
  EXPECT_EQ(keys(reasons),
            (std::vector<std::string>{"defect", "changed_mind", "transport_damage", "wrong_item"}));
  expect_group(reasons, "defect", R"({"opened":4,"decided":2,"resolved":2,"open":2,"overdue":1,
    "accepted":2,"rejected":0,"acceptance_rate":1.0,"handling_hours":{"mean":9.0,"median":9.0,"p90":12.0},
    "resolution_hours":{"mean":18.0,"median":18.0,"p90":24.0},
    "first_response_hours":{"mean":1.25,"median":1.25,"p90":2.0},"deadline_compliance":1.0,"breaches":1,
    "csat":{"ratings":2,"mean":3.5,"satisfied_share":0.5,"response_rate":1.0},
    "repeat_rate":0.25,"reopen_rate":0.0,"refunded":[{"amount":"399.98","currency":"PLN"}],
    "units_sold":null,"units_claimed":6,"claim_rate":null,"top_reasons":[{"reason":"defect","cases":4}]})");
  expect_group(reasons, "changed_mind",
               R"({"opened":1,"decided":0,"open":0,"overdue":0,"breaches":0,
    "units_claimed":0,"acceptance_rate":null,"handling_hours":{"mean":null}})");

  const auto resolutions = h.report(november(R"(,"group_by":"resolution")"));
  EXPECT_EQ(keys(resolutions), (std::vector<std::string>{"none", "refund", "replacement"}));
  expect_group(resolutions, "none", R"({"opened":4,"decided":1,"rejected":1,"units_claimed":4})");
  expect_group(resolutions, "refund", R"({"opened":2,"decided":2,"accepted":2,
    "refunded":[{"amount":"120.00","currency":"EUR"},{"amount":"399.98","currency":"PLN"}]})");
  expect_group(resolutions, "replacement", R"({"opened":1,"resolved":1,"refunded":[]})");

  const auto channels = h.report(november(R"(,"group_by":"channel")"));
  EXPECT_EQ(keys(channels), (std::vector<std::string>{"web", "phone"}));
  expect_group(channels, "phone", R"({"opened":1,"decided":1,"open":1})");
  expect_group(channels, "web", R"({"opened":6,"decided":3,"open":2,"overdue":1})");

  const auto kinds = h.report(november(R"(,"group_by":"kind")"));
  EXPECT_EQ(keys(kinds), (std::vector<std::string>{"complaint", "return"}));
  expect_group(kinds, "return", R"({"opened":1,"decided":0,"open":0,"units_claimed":0,
    "repeat_rate":0.0,"top_reasons":[{"reason":"changed_mind","cases":1}]})");

  const auto assignees = h.report(november(R"(,"group_by":"assignee")"));
  EXPECT_EQ(keys(assignees), std::vector<std::string>{"unassigned"});

  // The kind filter: complaints only.
  const auto complaints = h.report(november(R"(,"kind":"complaint")"));
  expect_group(complaints, "all", R"({"opened":6,"units_claimed":8,"repeat_rate":0.3333})");
}

TEST_P(WorkedExample, ByPeriodInTheShopsZone) {
  const auto months = h.report(november(R"(,"group_by":"month")"));
  EXPECT_EQ(keys(months), std::vector<std::string>{"2026-11"});
  expect_group(months, "2026-11", R"({"opened":7,"decided":4,"units_claimed":8})");

  const auto weeks = h.report(november(R"(,"group_by":"week")"));
  EXPECT_EQ(keys(weeks), (std::vector<std::string>{"2026-W44", "2026-W45", "2026-W46", "2026-W47",
                                                   "2026-W48", "2026-W49"}));
  expect_group(weeks, "2026-W44", R"({"opened":0,"decided":0,"acceptance_rate":null,
    "handling_hours":{"mean":null,"median":null,"p90":null},"repeat_rate":null,"refunded":[],
    "top_reasons":[]})");
  expect_group(weeks, "2026-W45", R"({"opened":4,"decided":3,"resolved":2,
    "handling_hours":{"mean":26.0,"median":12.0,"p90":60.0}})");
  expect_group(weeks, "2026-W46", R"({"opened":2,"decided":1})");
  expect_group(weeks, "2026-W49", R"({"opened":1,"open":1,"units_claimed":2})");

  const auto days = h.report(november(R"(,"group_by":"day")"));
  ASSERT_EQ(keys(days).size(), 30u);
  EXPECT_EQ(keys(days).front(), "2026-11-01");
  // The case opened at 23:30 local on the last day belongs to that day, not to December.
  expect_group(days, "2026-11-30", R"({"opened":1})");
  expect_group(days, "2026-11-01", R"({"opened":0})");

  // December holds the case opened at 00:30 local on 1 December; Ola had cases on that order in
  // November, so it is a repeat whatever the period.
  const auto december = h.report(R"({"from":"2026-12-01","to":"2026-12-31"})");
  expect_group(december, "all", R"({"opened":1,"repeat_rate":1.0})");
  const auto october = h.report(R"({"from":"2026-10-01","to":"2026-10-31"})");
  expect_group(october, "all", R"({"opened":1})");
}

TEST_P(WorkedExample, CsvHasOneRowPerGroup) {
  const auto csv = h.report(november(R"(,"group_by":"sku","min_units_sold":2,"format":"csv")"));
  EXPECT_EQ(csv.at("format"), "csv");
  EXPECT_EQ(csv.at("content_type"), "text/csv; charset=utf-8");
  const std::string body(csv.at("body").as_string());
  std::vector<std::string> rows;
  for (std::size_t start = 0; start < body.size();) {
    const auto end = body.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    rows.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  ASSERT_EQ(rows.size(), 5u);  // header + 4 SKUs
  EXPECT_EQ(rows[0].rfind("key,opened,decided,resolved,open,overdue,accepted,rejected,", 0), 0u);
  EXPECT_NE(rows[0].find(",refunded_EUR,refunded_PLN,units_sold,units_claimed,claim_rate,"
                         "disposed_restock,disposed_quarantine,disposed_scrap,disposed_repair,"
                         "disposed_return_to_supplier,top_reasons"),
            std::string::npos);
  EXPECT_EQ(rows[1].rfind("KET-1,1,1,1,0,0,1,0,1,6,6,6,12,12,12,0.5,0.5,0.5,1,0,1,5,1,1,0,0,0,399."
                          "98,2,2,1,0,0,0,0,0,defect (1)",
                          0),
            0u)
      << rows[1];
  EXPECT_EQ(rows[2].substr(rows[2].size() - 27), ",defect (1); wrong_item (1)") << rows[2];
}

TEST_P(WorkedExample, HtmlIsTheSameFiguresInTheShopsOrTheAskedLanguage) {
  const auto html = h.report(november(R"(,"group_by":"sku","min_units_sold":2,"format":"html")"));
  EXPECT_EQ(html.at("format"), "html");
  EXPECT_EQ(html.at("content_type"), "text/html; charset=utf-8");
  const std::string body(html.at("body").as_string());
  EXPECT_EQ(body.rfind("<div class=\"rc-report\" lang=\"en\"", 0), 0u) << body.substr(0, 80);
  EXPECT_NE(body.find("Complaints and returns report"), std::string::npos);
  EXPECT_NE(body.find(">KET-1<"), std::string::npos);
  EXPECT_EQ(body.find("<script"), std::string::npos);
  // Grouped by week, the page still charts the SKUs claimed most often.
  const auto polish = h.report(november(R"(,"group_by":"week","format":"html","locale":"pl")"));
  const std::string weekly(polish.at("body").as_string());
  EXPECT_NE(weekly.find("Raport reklamacji i zwrotów"), std::string::npos);
  EXPECT_NE(weekly.find(">KET-1<"), std::string::npos);
  EXPECT_NE(weekly.find(">2026-W45<"), std::string::npos);
}

// Goods received back with what becomes of them: units per disposition, by supplier and SKU.
class Dispositions : public ::testing::TestWithParam<std::string> {
 protected:
  History h{warsaw_config(test::fresh_database(GetParam()))};
};

INSTANTIATE_TEST_SUITE_P(Backends, Dispositions, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(Dispositions, ReportsCountTheUnitsReceivedBackPerDisposition) {
  Engine &e = h.engine;
  e.set_clock(at("2026-11-01T08:00:00Z"));
  e.import_order("default", order("R1", "2026-11-01T08:00:00Z",
                                  {{"1", "KET-1", 3, "199.99", "kitchen", "Elektro"},
                                   {"2", "MUG-1", 2, "15.00", "tableware", "Ceramika"}}));
  const UnixMs t0 = at("2026-11-02T09:00:00Z");
  const auto returned = h.open(t0, R"({"kind":"return","channel":"web","actor":{"role":"host"},
      "order_id":"R1","customer":{"email":"jan@example.pl"},"items":[
      {"line":"1","qty":3,"reason":"changed_mind"},{"line":"2","qty":2,"reason":"changed_mind"}]})");
  h.act(returned, t0 + kHour, action(R"("action":"authorize_return")"));
  // Two kettles first, back to stock; then the third, broken, and the mugs, to the supplier.
  h.act(returned, t0 + 2 * kHour, action(R"("action":"receive_goods","items":[
      {"line":"1","qty":2,"condition":"as_new","disposition":"restock"}])"));
  h.act(returned, t0 + 3 * kHour, action(R"("action":"receive_goods","condition":"damaged",
      "disposition":"return_to_supplier")"));
  // Goods received without a disposition count nowhere.
  e.import_order("default", order("R2", "2026-11-03T08:00:00Z",
                                  {{"1", "KET-1", 1, "199.99", "kitchen", "Elektro"}}));
  const UnixMs u0 = at("2026-11-04T09:00:00Z");
  const auto unsaid = h.open(u0, case_on("jan@example.pl", "R2", "1", 1, "changed_mind", "return"));
  h.act(unsaid, u0 + kHour, action(R"("action":"authorize_return")"));
  h.act(unsaid, u0 + 2 * kHour, action(R"("action":"receive_goods","condition":"opened")"));
  e.set_clock(at("2026-12-01T12:00:00Z"));

  const auto by_supplier = h.report(november(R"(,"group_by":"supplier")"));
  expect_group(by_supplier, "Elektro", R"({"dispositions":{"restock":2,"quarantine":0,"scrap":0,
    "repair":0,"return_to_supplier":1}})");
  expect_group(by_supplier, "Ceramika", R"({"dispositions":{"restock":0,"quarantine":0,"scrap":0,
    "repair":0,"return_to_supplier":2}})");
  EXPECT_EQ(by_supplier.at("totals").at("dispositions").at("return_to_supplier"), 3);
  EXPECT_EQ(by_supplier.at("totals").at("dispositions").at("restock"), 2);

  const auto csv = h.report(november(R"(,"group_by":"sku","format":"csv")"));
  const std::string body(csv.at("body").as_string());
  EXPECT_NE(body.find(",disposed_restock,disposed_quarantine,disposed_scrap,disposed_repair,"
                      "disposed_return_to_supplier,"),
            std::string::npos);
  const auto html = h.report(november(R"(,"group_by":"sku","format":"html","locale":"pl")"));
  const std::string page(html.at("body").as_string());
  EXPECT_NE(page.find("Towar zwrócony: dalsze postępowanie (szt.)"), std::string::npos);
  EXPECT_NE(page.find("Przyjęcie na stan: 2<br/>Zwrot do dostawcy: 1"), std::string::npos);
  EXPECT_NE(page.find("Zwrot do dostawcy: 2"), std::string::npos);
}

TEST(Report, CsvQuotesAndDefusesFormulas) {
  Report report;
  report.from = report.to = *parse_day("2026-11-01");
  GroupFigures g;
  g.key = "=HYPERLINK(\"x\"),\nA";
  report.groups = {g};
  const std::string csv = codec::report_to_csv(report);
  EXPECT_NE(csv.find("\r\n\"'=HYPERLINK(\"\"x\"\"),\nA\",0,"), std::string::npos) << csv;
}

TEST(Report, EmptyPeriodGivesZerosAndNulls) {
  History h;
  h.engine.set_clock(at("2026-11-15T12:00:00Z"));
  const auto report = h.report(R"({"from":"2026-11-01","to":"2026-11-30","group_by":"month"})");
  expect_group(report, "2026-11", R"({"opened":0,"decided":0,"acceptance_rate":null,
    "handling_hours":{"mean":null,"median":null,"p90":null},"deadline_compliance":null,
    "csat":{"ratings":0,"mean":null,"satisfied_share":null,"response_rate":null},
    "repeat_rate":null,"reopen_rate":null,"refunded":[],"units_claimed":0,"top_reasons":[]})");
  expect_subset(report.at("targets"), json::parse(R"({"handling_hours":{"value":null,"met":null},
    "satisfaction":{"value":null,"met":null},"repeat_rate":{"value":null,"met":null}})"),
                "targets");
  const auto skus = h.report(R"({"from":"2026-11-01","to":"2026-11-30","group_by":"sku"})");
  EXPECT_TRUE(skus.at("groups").as_array().empty());
}

TEST(Report, DefaultsToThisMonthSoFar) {
  History h;
  h.engine.set_clock(at("2026-11-30T23:30:00Z"));  // 00:30 on 1 December in Warsaw
  const auto report = h.report("{}");
  EXPECT_EQ(report.at("from"), "2026-12-01");
  EXPECT_EQ(report.at("to"), "2026-12-01");
  EXPECT_EQ(report.at("shop"), nullptr);
  const auto named = h.report(R"({"shop":"default","to":"2026-02-10"})");
  EXPECT_EQ(named.at("from"), "2026-02-01");
  EXPECT_EQ(named.at("shop"), "default");
}

TEST(Report, TargetsComeFromTheShopConfiguration) {
  const auto config = config_from_json(json::parse(
      R"({"database":"sqlite::memory:","clock":"manual","shops":[{"id":"default",
      "targets":{"handling_hours":48,"satisfaction":0.8,"repeat_rate":0.1}}]})"));
  ASSERT_EQ(config.shops.size(), 1u);
  EXPECT_EQ(config.shops[0].targets.handling_hours, 48);
  EXPECT_EQ(config.shops[0].targets.satisfaction, 0.8);
  EXPECT_EQ(config.shops[0].targets.repeat_rate, 0.1);
  for (const char *bad :
       {R"({"satisfaction":1.5})", R"({"handling_hours":"24"})", R"({"repeat":0.1})"}) {
    const std::string text =
        R"({"database":"sqlite::memory:","shops":[{"id":"s","targets":)" + std::string(bad) + "}]}";
    try {
      config_from_json(json::parse(text));
      ADD_FAILURE() << bad;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
      EXPECT_EQ(std::string(error.field()).rfind("shops[0].targets.", 0), 0u) << error.field();
    }
  }
  Engine engine(config);
  const auto report = codec::to_json(engine.report(codec::report_query_from_json(json::parse("{}"))));
  EXPECT_EQ(report.at("targets").at("handling_hours").at("target"), 48.0);
}

TEST(Report, BadQueriesAreRefusedNamingTheField) {
  History h;
  h.engine.set_clock(at("2026-11-15T12:00:00Z"));
  const std::vector<std::tuple<const char *, Status, const char *>> cases = {
      {R"({"group_by":"colour"})", Status::invalid_argument, "group_by"},
      {R"({"from":"2026-11-30","to":"2026-11-01"})", Status::invalid_argument, "to"},
      {R"({"from":"2016-01-01","to":"2026-01-01"})", Status::invalid_argument, "to"},
      {R"({"from":"2026-13-01"})", Status::invalid_argument, "from"},
      {R"({"from":20261101})", Status::invalid_argument, "from"},
      {R"({"shop":"nowhere"})", Status::not_found, "shop"},
      {R"({"shop":""})", Status::invalid_argument, "shop"},
      {R"({"kind":"exchange"})", Status::invalid_argument, "kind"},
      {R"({"format":"pdf"})", Status::invalid_argument, "format"},
      {R"({"format":"html","locale":"de"})", Status::invalid_argument, "locale"},
      {R"({"limit":0})", Status::invalid_argument, "limit"},
      {R"({"colour":"red"})", Status::invalid_argument, "colour"},
  };
  for (const auto &[query, status, field] : cases) {
    try {
      h.report(query);
      ADD_FAILURE() << query;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), status) << query;
      EXPECT_EQ(error.field(), field) << query;
    }
  }
  // Exactly ten years is allowed.
  EXPECT_NO_THROW(h.report(R"({"from":"2016-01-01","to":"2025-12-31","group_by":"month"})"));
}

TEST(Report, PlainNumbersInTheText) {
  EXPECT_EQ(codec::to_text(json::parse(R"({"a":[0.6667,22.0,1e-7,3],"b":"x\"y"})")),
            R"({"a":[0.6667,22.0,1e-07,3],"b":"x\"y"})");
}

}  // namespace
}  // namespace reclaim
