// The engine end to end on each backend: numbering, listing, idempotency, re-imports.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"
#include "support/documents.hpp"
#include "support/backends.hpp"
#include "support/orders.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig warsaw_config(const std::string &backend) {
  EngineConfig config;
  config.storage.database = test::fresh_database(backend);
  config.manual_clock = true;
  ShopConfig shop;
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  config.shops = {shop};
  return config;
}

Order order_with(const std::string &id, std::int64_t qty) { return test::kettle_order(id, qty); }

json::object open(Engine &engine, const std::string &text) {
  const auto document = json::parse(text);
  return codec::to_json(engine.open_case(codec::open_request_from_json(document), json::serialize(document)));
}

const char *kAgentCase =
    R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":"1","items":[{"line":"1","qty":1,"reason":"defect"}]})";

// Every test on a new database of each backend.
class EngineOn : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, EngineOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(EngineOn, CaseNumbersFollowTheShopsYear) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 10));
  engine.set_clock(*parse_rfc3339("2026-12-31T22:30:00Z"));  // 23:30 in Warsaw
  EXPECT_EQ(open(engine, kAgentCase).at("number"), "RC-2026-000001");
  engine.set_clock(*parse_rfc3339("2026-12-31T23:30:00Z"));  // 00:30 on New Year in Warsaw
  EXPECT_EQ(open(engine, kAgentCase).at("number"), "RC-2027-000001");
  EXPECT_EQ(open(engine, kAgentCase).at("number"), "RC-2027-000002");
}

TEST_P(EngineOn, IdempotentOpenReturnsTheSameCaseAndConflictsOnAnotherBody) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 10));
  const std::string keyed =
      R"({"kind":"return","actor":{"role":"host"},"order_id":"1","idempotency_key":"k1","items":[{"line":"1","qty":1,"reason":"changed_mind"}]})";
  const auto first = open(engine, keyed);
  const auto again = open(engine, keyed);
  EXPECT_EQ(first.at("id"), again.at("id"));
  auto other = keyed;
  other.replace(other.find("\"qty\":1"), 7, "\"qty\":2");
  try {
    open(engine, other);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::conflict);
  }
  EXPECT_EQ(codec::to_json(engine.read_events({})).at("events").as_array().size(), 1u);
}

TEST_P(EngineOn, ListFiltersSortsAndPages) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 100));
  UnixMs at = *parse_rfc3339("2026-11-01T08:00:00Z");
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    engine.set_clock(at + i * kMsPerHour);
    ids.push_back(std::string(open(engine, kAgentCase).at("id").as_string()));
  }
  const auto review = json::parse(R"({"action":"review","actor":{"role":"agent","id":"a"}})");
  engine.act(ids[2], codec::action_request_from_json(review), "h");
  std::vector<std::string> seen;
  json::value cursor = nullptr;
  do {
    json::object query{{"limit", 3}, {"sort", "created_at"}};
    if (cursor.is_string()) query["cursor"] = cursor;
    const auto page = codec::to_json(engine.list_cases(codec::case_query_from_json(query)));
    for (const auto &c : page.at("cases").as_array()) {
      seen.emplace_back(c.at("id").as_string());
    }
    cursor = page.at("next_cursor");
  } while (cursor.is_string());
  EXPECT_EQ(seen, ids);
  const auto in_review = codec::to_json(engine.list_cases(
      codec::case_query_from_json(json::parse(R"({"state":["in_review"]})"))));
  ASSERT_EQ(in_review.at("cases").as_array().size(), 1u);
  EXPECT_EQ(in_review.at("cases").as_array()[0].at("id").as_string(), ids[2]);
  const auto first_two = codec::to_json(engine.list_cases(codec::case_query_from_json(json::parse(
      R"({"created_from":"2026-11-01T08:00:00Z","created_to":"2026-11-01T10:00:00Z"})"))));
  EXPECT_EQ(first_two.at("cases").as_array().size(), 2u);
}

TEST_P(EngineOn, OverdueListsUndecidedCasesPastTheirDecisionDate) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 10));
  engine.set_clock(*parse_rfc3339("2026-11-01T08:00:00Z"));
  const auto late = open(engine, kAgentCase);
  const auto decided = open(engine, kAgentCase);
  const auto reject =
      json::parse(R"({"action":"reject","actor":{"role":"agent","id":"a"},"reason":"no"})");
  engine.act(std::string(decided.at("id").as_string()), codec::action_request_from_json(reject),
             "h");
  const auto overdue = json::parse(R"({"overdue":true})");
  engine.set_clock(*parse_rfc3339("2026-11-10T08:00:00Z"));
  EXPECT_TRUE(codec::to_json(engine.list_cases(codec::case_query_from_json(overdue))).at("cases").as_array().empty());
  // The 14 days of the default target end on Sunday 15 November, so they run to Monday.
  engine.set_clock(*parse_rfc3339("2026-11-16T22:00:00Z"));
  EXPECT_TRUE(codec::to_json(engine.list_cases(codec::case_query_from_json(overdue))).at("cases").as_array().empty());
  engine.set_clock(*parse_rfc3339("2026-11-16T23:00:00Z"));
  const auto found = codec::to_json(engine.list_cases(codec::case_query_from_json(overdue)));
  ASSERT_EQ(found.at("cases").as_array().size(), 1u);
  EXPECT_EQ(found.at("cases").as_array()[0].at("id"), late.at("id"));
}

// reclaim_case_get reads the case and its history in one statement (no transaction): the
// entries come back whole and in the order they were written, by id and by number alike, and a
// case that does not exist is not_found.
TEST_P(EngineOn, GetCaseReadsTheWholeHistoryInOrderByIdAndByNumber) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 10));
  engine.set_clock(*parse_rfc3339("2026-11-20T09:00:00Z"));
  const auto opened = open(engine, kAgentCase);
  const std::string id(opened.at("id").as_string());
  const std::string number(opened.at("number").as_string());
  for (int n = 1; n <= 12; ++n) {
    const std::string text = R"({"action":"comment","actor":{"role":"agent","id":"a"},"message":"note )" +
                             std::to_string(n) + R"("})";
    engine.act(id, codec::action_request_from_json(json::parse(text)), text);
  }
  for (const auto &ref : {id, number}) {
    const auto found = codec::to_json(engine.get_case(ref));
    EXPECT_EQ(found.at("id").as_string(), id);
    EXPECT_EQ(found.at("version").as_int64(), 13);
    const auto &history = found.at("history").as_array();
    ASSERT_EQ(history.size(), 13u) << ref;
    EXPECT_EQ(history[0].at("action"), "open");
    for (int n = 1; n <= 12; ++n) {
      EXPECT_EQ(history[n].at("action"), "comment");
      EXPECT_EQ(history[n].at("data").at("message").as_string(), "note " + std::to_string(n)) << ref;
    }
  }
  for (const auto &missing : {std::string("c_nothere"), std::string("RC-2026-999999"), std::string()}) {
    try {
      engine.get_case(missing);
      FAIL() << missing;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::not_found) << missing;
    }
  }
}

TEST_P(EngineOn, ReimportMayNotDropClaimedQuantities) {
  Engine engine(warsaw_config(GetParam()));
  engine.import_order("default", order_with("1", 3));
  open(engine, kAgentCase);
  open(engine, kAgentCase);
  EXPECT_THROW(codec::to_json(engine.import_order("default", order_with("1", 1))), Error);
  EXPECT_EQ(codec::to_json(engine.import_order("default", order_with("1", 2))).at("created"), false);
  try {
    open(engine, kAgentCase);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.rule(), "quantity_exceeded");
  }
}

TEST_P(EngineOn, StatusTokenIsSignedWithTheSecret) {
  auto config = warsaw_config(GetParam());
  config.secret = std::string(32, 's');
  Engine engine(config);
  Case subject;
  subject.id = "c_1";
  subject.shop = "default";
  const std::string token = engine.status_token(subject);
  EXPECT_EQ(token.rfind("c_1.0.0.", 0), 0u);  // case, key id, link version, signature
  config.secret = std::string(32, 't');
  Engine other(config);
  EXPECT_NE(other.status_token(subject), token);
}

// Without a configured secret the database's own signs the links, the same in every process; a
// database whose secret was removed by hand is refused rather than signed with a made-up one.
TEST_P(EngineOn, WithoutAConfiguredSecretTheDatabasesSecretSigns) {
  const auto config = warsaw_config(GetParam());
  Case subject;
  subject.id = "c_1";
  subject.shop = "default";
  std::string token;
  {
    Engine engine(config);
    token = engine.status_token(subject);
  }
  {
    Engine again(config);
    EXPECT_EQ(again.status_token(subject), token);
  }
  {
    Store store(config.storage);
    store.write([](Tx &tx) { tx.session() << "DELETE FROM meta WHERE key = 'secret'"; });
  }
  try {
    Engine engine(config);
    FAIL();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::storage);
  }
}

}  // namespace
}  // namespace reclaim
