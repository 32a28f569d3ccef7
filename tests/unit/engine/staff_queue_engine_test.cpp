// The staff queue's engine and storage side on each backend: whose cases each assignee filter
// lists, the at-risk window from the shop's policy, counts by state for the filters, and the
// queue's migration filling priority and tags in for cases that existed before it.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>
#include <boost/json.hpp>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/queue_columns.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"
#include "support/migrations.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig one_shop(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  ShopConfig shop;
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  config.shops = {shop};
  return config;
}

StaffMember anna() {
  StaffMember staff;
  staff.id = "anna";
  staff.role = Role::agent;
  staff.shops = {"default"};
  return staff;
}

class StaffQueueEngine : public ::testing::TestWithParam<std::string> {
 protected:
  StaffQueueEngine() : database_(test::fresh_database(GetParam())) {
    engine_ = std::make_unique<Engine>(one_shop(database_));
    engine_->set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
  }

  std::string open(const std::string &assignee = "") {
    const std::string number =
        open_kettle_complaint(*engine_, "default", "desk", "100.00").subject.number;
    if (!assignee.empty())
      act(number, Action::assign, [&](ActionRequest &r) { r.assignee = assignee; });
    return number;
  }
  template <typename Fill>
  void act(const std::string &number, Action action, Fill fill) {
    ActionRequest request;
    request.action = action;
    request.actor = {Role::agent, "piotr"};
    fill(request);
    engine_->act(number, request, "");
  }
  std::vector<std::string> numbers(CaseQuery query) {
    query.shop = "default";
    query.sort = CaseSort::decision_due;
    query.descending = false;
    std::vector<std::string> out;
    for (const auto &c : engine_->staff_cases(anna(), query).cases) out.push_back(c.number);
    return out;
  }

  std::string database_;
  std::unique_ptr<Engine> engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffQueueEngine, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

using Numbers = std::vector<std::string>;

// Cases opened the same day are due the same day, in the order of their ids (random).
Numbers sorted(Numbers numbers) {
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

TEST_P(StaffQueueEngine, EachAssigneeFilterListsItsCases) {
  const std::string mine = open("anna"), free = open(), theirs = open("piotr");
  CaseQuery query;
  EXPECT_EQ(sorted(numbers(query)), sorted({mine, free, theirs}));
  query.assignee = AssigneeFilter::of("anna");
  EXPECT_EQ(numbers(query), (Numbers{mine}));
  query.assignee = AssigneeFilter::unassigned();
  EXPECT_EQ(numbers(query), (Numbers{free}));
  query.assignee = AssigneeFilter::of_or_unassigned("anna");
  EXPECT_EQ(sorted(numbers(query)), sorted({mine, free}));
  query.assignee = AssigneeFilter::of_or_unassigned("piotr");
  EXPECT_EQ(sorted(numbers(query)), sorted({free, theirs}));
  // Unassigning puts a case back among the unassigned.
  act(theirs, Action::assign, [](ActionRequest &r) { r.assignee = ""; });
  query.assignee = AssigneeFilter::unassigned();
  EXPECT_EQ(sorted(numbers(query)), sorted({free, theirs}));
}

TEST_P(StaffQueueEngine, AtRiskIsThePolicysEarliestWarningAndCountsFollowTheFilters) {
  EXPECT_EQ(engine_->staff_at_risk_ms("default"), 72 * kMsPerHour);  // warn_before_hours 72, 24
  set_policy(*engine_, "default", json::parse(R"({"warn_before_hours":[12,36]})"));
  EXPECT_EQ(engine_->staff_at_risk_ms("default"), 36 * kMsPerHour);
  EXPECT_THROW(engine_->staff_at_risk_ms("nowhere"), Error);

  const std::string a = open(), b = open("piotr");
  act(b, Action::review, [](ActionRequest &) {});
  CaseQuery query;
  query.shop = "default";
  const StaffQueue queue = engine_->staff_queue(anna(), query);  // one snapshot of all three
  EXPECT_EQ(queue.page.cases.size(), 2U);
  EXPECT_EQ(queue.at_risk_ms, 36 * kMsPerHour);
  auto counts = queue.counts;
  EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 1}, {"in_review", 1}}));
  EXPECT_TRUE(counts.more.empty());
  query.assignee = AssigneeFilter::of_or_unassigned("anna");
  query.states = {State::in_review};  // the counts ignore the states asked for
  counts = engine_->staff_queue(anna(), query).counts;
  EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 1}}));
  query.shop = "other";
  EXPECT_THROW(engine_->staff_queue(anna(), query).counts, Error);

  const UnixMs due = *engine_->get_case(a).subject.deadlines.decision_due;
  engine_->set_clock(due - 37 * kMsPerHour);
  CaseQuery risky;
  risky.at_risk = true;
  EXPECT_EQ(numbers(risky), Numbers{});
  engine_->set_clock(due - 35 * kMsPerHour);
  EXPECT_EQ(sorted(numbers(risky)), sorted({a, b}));
  risky.overdue = true;
  EXPECT_EQ(sorted(numbers(risky)), sorted({a, b}));
  risky.at_risk = false;
  EXPECT_EQ(numbers(risky), Numbers{});
  engine_->set_clock(due + 1);
  EXPECT_EQ(sorted(numbers(risky)), sorted({a, b}));
}

TEST_P(StaffQueueEngine, EachStateIsCountedUpToTheLimitAndSaysWhenThereAreMore) {
  open(), open(), open("anna");
  const std::string reviewed = open();
  act(reviewed, Action::review, [](ActionRequest &) {});
  CaseQuery query;
  query.shop = "default";
  query.count_limit = 2;
  auto counts = engine_->staff_queue(anna(), query).counts;
  EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 2}, {"in_review", 1}}));
  EXPECT_EQ(counts.more, (std::set<std::string>{"received"}));  // three received, two counted
  query.count_limit = 3;
  counts = engine_->staff_queue(anna(), query).counts;
  EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 3}, {"in_review", 1}}));
  EXPECT_TRUE(counts.more.empty());
  query.assignee = AssigneeFilter::unassigned();  // the limit applies within the filters
  query.count_limit = 2;
  counts = engine_->staff_queue(anna(), query).counts;
  EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 2}, {"in_review", 1}}));
  EXPECT_TRUE(counts.more.empty());

  // A search's matches are counted by state in one statement, with the same limit.
  query.assignee = AssigneeFilter::anyone();
  for (const std::string search : {"JAN@example.pl", "KET-1"}) {
    query.search = search;
    counts = engine_->staff_queue(anna(), query).counts;
    EXPECT_EQ(counts.n, (std::map<std::string, std::int64_t>{{"received", 2}, {"in_review", 1}}))
        << search;
    EXPECT_EQ(counts.more, (std::set<std::string>{"received"})) << search;
  }
  query.search = "nobody@example.pl";
  EXPECT_TRUE(engine_->staff_queue(anna(), query).counts.n.empty());
}

TEST_P(StaffQueueEngine, TheMigrationFillsPriorityAndTagsOfExistingCases) {
  const std::string a = open(), b = open();
  act(a, Action::set_priority, [](ActionRequest &r) { r.priority = "urgent"; });
  act(b, Action::tag, [](ActionRequest &r) { r.tags_add = {"vip", "courier"}; });
  engine_.reset();
  {
    // The database as it was before the queue's migration.
    StorageConfig storage;
    storage.database = database_;
    Store store(storage);
    store.write([](Tx &tx) {
      soci::session &sql = tx.session();
      test::undo_queue_migration(sql);
      const std::string before = std::to_string(kQueueMigration - 1);
      sql << "UPDATE meta SET value = :v WHERE key = 'schema_version'", soci::use(before);
    });
  }
  engine_ = std::make_unique<Engine>(one_shop(database_));
  EXPECT_EQ(engine_->info().schema, kSchemaVersion);
  CaseQuery query;
  query.priority = "urgent";
  EXPECT_EQ(numbers(query), (Numbers{a}));
  query.priority = "normal";
  EXPECT_EQ(numbers(query), (Numbers{b}));
  query = {};
  query.tag = "courier";
  EXPECT_EQ(numbers(query), (Numbers{b}));
  query.search = "KET-1";
  EXPECT_EQ(numbers(query), (Numbers{b}));
}

}  // namespace
}  // namespace reclaim
