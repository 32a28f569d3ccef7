// What reports read from storage: each query one range of its covering index (so a later change
// cannot quietly turn a report into a full scan), and migration 5's backfill of older rows.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "codec/report_json.hpp"
#include "codec/requests.hpp"
#include "engine/engine.hpp"
#include "support/documents.hpp"
#include "storage/report_sql.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/migrations.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

// SQLite unless named: SQLite's plans, and the rollback to version 4 below is SQLite's.
std::string fresh_database() { return test::fresh_database("sqlite"); }

std::vector<std::string> plan_of(Tx &tx, const std::string &sql, bool with_kind) {
  const std::string shop = "default";
  long long begin = 0, end = 1;
  const std::string kind = "complaint";
  soci::details::prepare_temp_type prepared = (tx.session().prepare << "EXPLAIN QUERY PLAN " + sql);
  prepared, soci::use(shop), soci::use(begin), soci::use(end);
  if (with_kind) prepared, soci::use(kind);
  soci::rowset<soci::row> rows(prepared);
  std::vector<std::string> plan;
  for (const auto &row : rows) plan.push_back(row.get<std::string>(3));
  return plan;
}

void expect_index_range(const std::vector<std::string> &plan, const std::string &index) {
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan[0].rfind("SEARCH ", 0), 0u) << plan[0];
  EXPECT_NE(plan[0].find("USING COVERING INDEX " + index + " (shop=? AND "), std::string::npos)
      << plan[0];
  for (const auto &step : plan) {
    EXPECT_EQ(step.find("SCAN"), std::string::npos) << step;  // no full scan anywhere
  }
}

TEST(ReportStorage, EveryReportQueryIsOneCoveringIndexRange) {
  StorageConfig config;
  config.database = fresh_database();
  Store store(config);
  store.read([&](Tx &tx) {
    expect_index_range(plan_of(tx, kReportCasesSql, false), "cases_for_reports");
    expect_index_range(plan_of(tx, std::string(kReportCasesSql) + " AND kind = :kind", true),
                       "cases_for_reports");
    expect_index_range(plan_of(tx, kReportItemsSql, false), "case_items_for_reports");
    expect_index_range(plan_of(tx, kReportClaimsSql, false), "supplier_claims_for_reports");
    expect_index_range(plan_of(tx, std::string(kReportClaimsSql) + " AND kind = :kind", true),
                       "supplier_claims_for_reports");
    for (const Grouping g : {Grouping::sku, Grouping::supplier, Grouping::category}) {
      const auto plan = plan_of(tx, units_sold_sql(g), false);
      expect_index_range(plan, "order_lines_by_placed");
      EXPECT_LE(plan.size(), 2u);  // the range, and at most a temporary b-tree for GROUP BY
    }
  });
}

// PostgreSQL's plan, with sequential scans priced out for the transaction: a query its index
// cannot serve still falls back to a Seq Scan, whatever that costs, so the plan shows it.
std::string postgresql_plan(Tx &tx, const std::string &sql, bool with_kind) {
  tx.session() << "SET LOCAL enable_seqscan = off";
  const std::string shop = "default";
  long long begin = 0, end = 1;
  const std::string kind = "complaint";
  soci::details::prepare_temp_type prepared = (tx.session().prepare << "EXPLAIN " + sql);
  prepared, soci::use(shop), soci::use(begin), soci::use(end);
  if (with_kind) prepared, soci::use(kind);
  soci::rowset<std::string> rows(prepared);
  std::string plan;
  for (const auto &line : rows) plan += line + "\n";
  return plan;
}

// The index is searched from its leading column (a range of one shop's rows), not read whole
// with a condition on later columns.
void expect_postgresql_index(const std::string &plan, const std::string &index) {
  EXPECT_NE(plan.find(" using " + index + " on "), std::string::npos) << plan;
  EXPECT_NE(plan.find("Index Cond: ((shop = "), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
}

TEST(ReportStorage, OnPostgreSQLEveryReportQueryFindsItsIndex) {
  if (test::postgresql_skipped()) GTEST_SKIP() << "PostgreSQL left out";
  StorageConfig config;
  config.database = test::fresh_database("postgresql");
  Store store(config);
  store.read([&](Tx &tx) {
    expect_postgresql_index(postgresql_plan(tx, kReportCasesSql, false), "cases_for_reports");
    expect_postgresql_index(
        postgresql_plan(tx, std::string(kReportCasesSql) + " AND kind = :kind", true),
        "cases_for_reports");
    expect_postgresql_index(postgresql_plan(tx, kReportItemsSql, false), "case_items_for_reports");
    expect_postgresql_index(postgresql_plan(tx, kReportClaimsSql, false),
                            "supplier_claims_for_reports");
    for (const Grouping g : {Grouping::sku, Grouping::supplier, Grouping::category}) {
      expect_postgresql_index(postgresql_plan(tx, units_sold_sql(g), false),
                              "order_lines_by_placed");
    }
  });
}

json::object november(Engine &engine, const std::string &grouping) {
  return codec::to_json(engine.report(codec::report_query_from_json(
      json::parse(R"({"from":"2026-11-01","to":"2026-11-30","min_units_sold":1,"group_by":")" +
                  grouping + "\"}"))));
}

EngineConfig config_on(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  config.shops = {ShopConfig{}};
  return config;
}

// An exchange for cheaper goods decided before migration 17 counted no money back; after it, its
// difference is refunded money like any refund.
TEST(ReportStorage, Migration17CountsWhatAnEarlierCheaperExchangePaidBack) {
  const std::string database = fresh_database();
  {
    Engine engine(config_on(database));
    engine.set_clock(*parse_rfc3339("2026-11-02T10:00:00Z"));
    Order order;
    order.id = "1";
    order.number = "#1";
    order.currency = "EUR";
    order.customer.email = "jan@example.pl";
    OrderLine line;
    line.id = "A";
    line.sku = "A";
    line.name = "A";
    line.qty = 1;
    line.unit_price = *Decimal::parse("100.00");
    order.lines.push_back(line);
    engine.import_order("default", order);
    const auto opened = json::parse(
        R"({"kind":"return","actor":{"role":"agent"},"order_id":"1","items":[{"line":"A","qty":1,"reason":"size_or_fit"}]})");
    const std::string id =
        engine.open_case(codec::open_request_from_json(opened), json::serialize(opened)).subject.id;
    const auto accept = json::parse(
        R"({"action":"accept","actor":{"role":"supervisor"},"resolution":{"type":"exchange","sku":"B","unit_price":"55.55","currency":"EUR"}})");
    engine.act(id, codec::action_request_from_json(accept), json::serialize(accept));
  }
  {
    // As version 16 left it: no claims table, and no refund on the exchange's item.
    StorageConfig storage;
    storage.database = database;
    Store store(storage);
    store.write([](Tx &tx) {
      soci::session &sql = tx.session();
      test::undo_supplier_claims_migration(sql);
      sql << "UPDATE case_items SET refund_amount = '', refund_currency = ''";
      sql << "UPDATE meta SET value = '16' WHERE key = 'schema_version'";
    });
  }
  Engine engine(config_on(database));
  EXPECT_EQ(engine.info().schema, kSchemaVersion);
  EXPECT_EQ(november(engine, "none").at("totals").at("refunded"),
            json::parse(R"([{"amount":"44.45","currency":"EUR"}])"));
}

TEST(ReportStorage, Migration5FillsTheColumnsOfExistingCases) {
  const std::string database = fresh_database();
  std::vector<json::object> before;
  const std::vector<std::string> groupings = {"none", "sku", "supplier", "category", "resolution"};
  {
    Engine engine(config_on(database));
    engine.set_clock(*parse_rfc3339("2026-11-02T10:00:00Z"));
    Order order;
    order.id = "1";
    order.number = "#1";
    order.currency = "EUR";
    order.placed_at = *parse_rfc3339("2026-11-01T10:00:00Z");
    order.customer.email = "jan@example.pl";
    for (const char *sku : {"A", "B"}) {
      OrderLine line;
      line.id = sku;
      line.sku = sku;
      line.name = sku;
      line.qty = 3;
      line.unit_price = *Decimal::parse("10.00");
      line.category = std::string("cat-") + sku;
      line.supplier = std::string("sup-") + sku;
      order.lines.push_back(line);
    }
    engine.import_order("default", order);
    const auto open = [&](const std::string &line) {
      const auto request = json::parse(
          R"({"kind":"complaint","actor":{"role":"agent"},"order_id":"1","items":[{"line":")" +
          line + R"(","qty":1,"reason":"defect"}]})");
      return std::string(
          engine.open_case(codec::open_request_from_json(request), json::serialize(request)).subject.id);
    };
    const auto act = [&](const std::string &id, const char *text) {
      const auto request = json::parse(text);
      engine.act(id, codec::action_request_from_json(request), json::serialize(request));
    };
    const auto a = open("A");
    engine.set_clock(*parse_rfc3339("2026-11-02T13:00:00Z"));
    act(a, R"({"action":"accept","actor":{"role":"agent"},"resolution":{"type":"refund"}})");
    act(a, R"({"action":"fulfil","actor":{"role":"host"}})");
    act(a, R"({"action":"rate","actor":{"role":"customer"},"score":4})");
    const auto b = open("B");  // a repeat: same customer, same order
    act(b, R"({"action":"reject","actor":{"role":"agent"},"reason":"worn"})");
    act(b, R"({"action":"reopen","actor":{"role":"agent"},"reason":"look again"})");
    for (const auto &g : groupings) before.push_back(november(engine, g));
    EXPECT_EQ(before[0].at("totals").at("repeat_rate"), 0.5);
  }
  {
    // Back to version 4: the report columns and their indexes gone (portable SQL).
    StorageConfig storage;
    storage.database = database;
    Store store(storage);
    store.write([](Tx &tx) {
      soci::session &sql = tx.session();
      for (const char *index :
           {"cases_for_reports", "case_items_for_reports", "order_lines_by_placed"}) {
        sql << std::string("DROP INDEX ") + index;
      }
      for (const char *column : {"channel", "decided_at", "outcome", "resolved_at",
                                 "first_response_at", "rating", "reopened", "repeat_order",
                                 "link_version"}) {
        sql << std::string("ALTER TABLE cases DROP COLUMN ") + column;
      }
      for (const char *column : {"created_at", "category", "supplier", "resolution",
                                 "refund_amount", "refund_currency"}) {
        sql << std::string("ALTER TABLE case_items DROP COLUMN ") + column;
      }
      sql << "ALTER TABLE order_lines DROP COLUMN placed_at";
      test::undo_queue_migration(sql);
      sql << "DROP TABLE staff_links";  // migration 7
      sql << "DROP TABLE staff_sessions";
      sql << "DROP TABLE outbox";  // migration 8
      sql << "DROP TABLE inbound_mail";  // migration 9
      sql << "UPDATE meta SET value = '4' WHERE key = 'schema_version'";
    });
  }
  Engine engine(config_on(database));
  EXPECT_EQ(codec::to_json(engine.info()).at("schema"), kSchemaVersion);
  engine.set_clock(*parse_rfc3339("2026-11-02T13:00:00Z"));
  for (std::size_t i = 0; i < groupings.size(); ++i) {
    EXPECT_EQ(november(engine, groupings[i]), before[i]) << groupings[i];
  }
}

}  // namespace
}  // namespace reclaim
