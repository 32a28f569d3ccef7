// Migration 2: orders remember the adapter that imported them and their host data; a database
// made before it is upgraded in place and its orders read as Reclaim's own.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>

#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/migrations.hpp"

namespace reclaim {
namespace {

Order small_order(const std::string &id) {
  Order order;
  order.id = id;
  order.number = id;
  order.currency = "PLN";
  OrderLine line;
  line.id = "1";
  line.name = "Kettle";
  line.qty = 1;
  line.unit_price = *Decimal::parse("10.00");
  order.lines = {line};
  return order;
}

TEST(OrderSource, AdapterAndHostDataSurviveTheRoundTrip) {
  StorageConfig config;
  config.database = "sqlite::memory:";
  config.pool = 1;
  Store store(config);
  Order order = small_order("727");
  order.adapter = "woocommerce";
  order.host["lines"] = boost::json::object{{"1", boost::json::object{{"total", "10"}}}};
  store.write([&](Tx &tx) { tx.put_order("default", order, 1); });
  std::optional<Order> read;
  store.read([&](Tx &tx) { read = tx.order("default", "727"); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->adapter, "woocommerce");
  EXPECT_EQ(boost::json::serialize(read->host), boost::json::serialize(order.host));
}

TEST(OrderSource, ADatabaseAtVersion1IsUpgradedThroughEveryMigration) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("reclaim-m2-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "old.db").string();
  StorageConfig config;
  config.database = "sqlite:" + file;
  {
    Store store(config);
    store.write([&](Tx &tx) { tx.put_order("default", small_order("1"), 1); });
  }
  {  // back to what version 1 had: no policies, no alert clock, no adapter, no host, no files,
     // no report columns
    soci::session sql(soci::sqlite3, file);
    for (const char *index : {"cases_for_reports", "case_items_for_reports", "order_lines_by_placed"}) {
      sql << std::string("DROP INDEX ") + index;
    }
    for (const char *column : {"channel", "decided_at", "outcome", "resolved_at",
                               "first_response_at", "rating", "reopened", "repeat_order",
                                 "link_version"}) {
      sql << std::string("ALTER TABLE cases DROP COLUMN ") + column;
    }
    for (const char *column : {"created_at", "category", "supplier", "resolution", "refund_amount",
                               "refund_currency"}) {
      sql << std::string("ALTER TABLE case_items DROP COLUMN ") + column;
    }
    sql << "ALTER TABLE order_lines DROP COLUMN placed_at";
    sql << "DROP TABLE attachments";
    sql << "DROP TABLE policies";
    sql << "DROP INDEX cases_by_next_alert";
    sql << "ALTER TABLE cases DROP COLUMN next_alert_at";
    sql << "ALTER TABLE cases DROP COLUMN alerts_done_until";
    sql << "ALTER TABLE orders DROP COLUMN adapter";
    sql << "ALTER TABLE orders DROP COLUMN host";
    test::undo_queue_migration(sql);
    sql << "DROP TABLE staff_links";  // migration 7
    sql << "DROP TABLE staff_sessions";
    sql << "DROP TABLE outbox";  // migration 8
    sql << "DROP TABLE inbound_mail";  // migration 9
    sql << "UPDATE meta SET value = '1' WHERE key = 'schema_version'";
  }
  {
    Store store(config);
    EXPECT_EQ(store.schema_version(), kSchemaVersion);
    std::optional<Order> read;
    store.read([&](Tx &tx) { read = tx.order("default", "1"); });
    ASSERT_TRUE(read);
    EXPECT_EQ(read->adapter, "reclaim");
    EXPECT_TRUE(read->host.empty());
    store.write([&](Tx &tx) { tx.put_policy("default", 0, "{}", 1); });
    std::size_t due = 1;
    store.read([&](Tx &tx) { due = tx.cases_due_for_alerts(kMaxTime, 10).size(); });
    EXPECT_EQ(due, 0u);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reclaim
