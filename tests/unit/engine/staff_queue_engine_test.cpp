// The staff queue's engine and storage side on each backend: whose cases each assignee filter
// lists, the at-risk window from the shop's policy, counts by state for the filters, and the
// queue's migrations filling priority, tags and names in for cases that existed before them, and
// the desk's rows read from the columns agreeing with the documents.
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

  // Takes the database back to before `migration` (undoing it and every newer one), then opens
  // it again, which runs them.
  void reopen_after_undoing(int migration, void undo(soci::session &)) {
    engine_.reset();
    {
      StorageConfig storage;
      storage.database = database_;
      Store store(storage);
      store.write([&](Tx &tx) {
        soci::session &sql = tx.session();
        undo(sql);
        const std::string before = std::to_string(migration - 1);
        sql << "UPDATE meta SET value = :v WHERE key = 'schema_version'", soci::use(before);
      });
    }
    engine_ = std::make_unique<Engine>(one_shop(database_));
    EXPECT_EQ(engine_->info().schema, kSchemaVersion);
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
  reopen_after_undoing(kQueueMigration, test::undo_queue_migration);
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

// Each row the desk's page reads from the queue's columns says what the case's document says.
void expect_rows_match_documents(Engine &engine, CaseQuery query) {
  query.shop = "default";
  const StaffQueueRows rows = engine.staff_queue_rows(anna(), query);
  const StaffQueue documents = engine.staff_queue(anna(), query);
  ASSERT_EQ(rows.page.rows.size(), documents.page.cases.size());
  EXPECT_EQ(rows.page.next_cursor, documents.page.next_cursor);
  EXPECT_EQ(rows.counts.n, documents.counts.n);
  for (std::size_t i = 0; i < rows.page.rows.size(); ++i) {
    const QueueRow &row = rows.page.rows[i];
    const Case &c = documents.page.cases[i];
    SCOPED_TRACE(c.number);
    EXPECT_EQ(row.id, c.id);
    EXPECT_EQ(row.shop, c.shop);
    EXPECT_EQ(row.number, c.number);
    EXPECT_EQ(row.version, c.version);
    EXPECT_EQ(row.kind, c.kind);
    EXPECT_EQ(row.state, c.state);
    EXPECT_EQ(row.channel, c.channel);
    EXPECT_EQ(row.customer_name, c.customer.name);
    EXPECT_EQ(row.customer_email, c.customer.email);
    EXPECT_EQ(row.order_id, c.order_id);
    EXPECT_EQ(row.assignee, c.assignee);
    EXPECT_EQ(row.priority, c.priority);
    EXPECT_EQ(row.tags, c.tags);
    EXPECT_EQ(row.created_at, c.created_at);
    EXPECT_EQ(row.updated_at, c.updated_at);
    EXPECT_EQ(row.decision_due, c.deadlines.decision_due);
  }
}

TEST_P(StaffQueueEngine, TheDesksRowsSayWhatTheDocumentsSay) {
  const std::string named =
      open_kettle_complaint(*engine_, "default", "desk", "100.00", "Zofia Łęcka <b>").subject.number;
  const std::string tagged = open("anna");
  act(tagged, Action::tag, [](ActionRequest &r) { r.tags_add = {"vip", "courier", "\"ü\",x"}; });
  act(tagged, Action::tag, [](ActionRequest &r) { r.tags_remove = {"courier"}; });
  act(named, Action::set_priority, [](ActionRequest &r) { r.priority = "urgent"; });
  const std::string reviewed = open();
  act(reviewed, Action::review, [](ActionRequest &) {});
  CaseQuery query;
  expect_rows_match_documents(*engine_, query);
  query.limit = 2;  // a next page: the same cursor from rows and documents
  expect_rows_match_documents(*engine_, query);
  query.limit = 50;
  query.search = "jan@example.pl";
  expect_rows_match_documents(*engine_, query);

  CaseQuery all;
  all.shop = "default";
  const auto rows = engine_->staff_queue_rows(anna(), all).page.rows;
  const auto row_of = [&](const std::string &number) {
    return *std::find_if(rows.begin(), rows.end(),
                         [&](const QueueRow &r) { return r.number == number; });
  };
  EXPECT_EQ(row_of(named).customer_name, "Zofia Łęcka <b>");
  EXPECT_EQ(row_of(tagged).tags, (std::vector<std::string>{"vip", "\"ü\",x"}));

  // An erasure blanks the name of a finished case in the queue as in the document.
  act(named, Action::reject, [](ActionRequest &r) { r.reason = "Zużycie, nie wada."; });
  const Erasure erased =
      engine_->subject_erase({"default", "jan@example.pl", {Role::supervisor, "ewa"}, "asked"});
  ASSERT_EQ(erased.cases, 1);
  const QueueRow anonymous = [&] {
    const auto after = engine_->staff_queue_rows(anna(), all).page.rows;
    return *std::find_if(after.begin(), after.end(),
                         [&](const QueueRow &r) { return r.number == named; });
  }();
  EXPECT_EQ(anonymous.customer_name, "");
  EXPECT_NE(anonymous.customer_email, "jan@example.pl");
  expect_rows_match_documents(*engine_, all);
}

TEST_P(StaffQueueEngine, TheRowMigrationFillsNamesAndTagsOfExistingCases) {
  const std::string named =
      open_kettle_complaint(*engine_, "default", "desk", "100.00", "Zofia Łęcka").subject.number;
  const std::string tagged = open();
  act(tagged, Action::tag, [](ActionRequest &r) { r.tags_add = {"vip", "courier"}; });
  reopen_after_undoing(kQueueRowMigration, test::undo_queue_row_migration);
  expect_rows_match_documents(*engine_, CaseQuery{});
  CaseQuery all;
  all.shop = "default";
  for (const QueueRow &row : engine_->staff_queue_rows(anna(), all).page.rows) {
    if (row.number == named) EXPECT_EQ(row.customer_name, "Zofia Łęcka");
    if (row.number == tagged) EXPECT_EQ(row.tags, (std::vector<std::string>{"vip", "courier"}));
  }
}

}  // namespace
}  // namespace reclaim
