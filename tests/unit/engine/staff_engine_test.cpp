// The staff desk's engine side on each backend: links are one-time and short-lived, sessions time
// out and sign out everywhere, only hashes of secrets are stored, staff see their shops only and
// act as themselves under their role's limits.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "codec/policy_json.hpp"
#include "codec/staff_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig two_shops(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  ShopConfig shop;
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  ShopConfig other = shop;
  other.id = "other";
  other.case_prefix = "OT";
  config.shops = {shop, other};
  return config;
}

StaffLinkRequest request_for(const std::string &role, const std::string &shops = R"(["default"])") {
  return codec::staff_link_request_from_json(json::parse(
      R"({"staff":{"id":"anna","name":"Anna","role":")" + role + R"(","shops":)" + shops +
      R"(},"ttl_s":300,"next":"/staff/cases/x"})"));
}

std::string secret_of(const StaffLink &link) { return link.path.substr(link.path.find("t=") + 2); }

class StaffEngineOn : public ::testing::TestWithParam<std::string> {
 protected:
  StaffEngineOn() : database_(test::fresh_database(GetParam())), engine_(two_shops(database_)) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
  }

  std::string open_case(const std::string &shop) {
    return open_kettle_complaint(engine_, shop, "desk", "250.00", "Jan").subject.number;
  }

  std::string database_;
  Engine engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffEngineOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffEngineOn, ALinkOpensOneSessionOnceAndOnlyBeforeItExpires) {
  const StaffLink link = engine_.staff_link(request_for("agent"));
  EXPECT_EQ(link.expires_at, engine_.now() + 300'000);
  const auto entry = engine_.staff_enter(secret_of(link));
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->next, "/staff/cases/x");
  EXPECT_EQ(entry->session.staff.id, "anna");
  EXPECT_EQ(entry->session.staff.role, Role::agent);
  EXPECT_FALSE(entry->session.csrf.empty());
  EXPECT_FALSE(engine_.staff_enter(secret_of(link)));  // once

  const StaffLink late = engine_.staff_link(request_for("agent"));
  engine_.set_clock(engine_.now() + 300'000);
  EXPECT_FALSE(engine_.staff_enter(secret_of(late)));
  EXPECT_FALSE(engine_.staff_enter("not a secret"));
  EXPECT_FALSE(engine_.staff_enter(""));
}

TEST_P(StaffEngineOn, OnlyHashesOfSecretsAreStored) {
  const StaffLink link = engine_.staff_link(request_for("agent"));
  const auto entry = engine_.staff_enter(secret_of(link));
  ASSERT_TRUE(entry);
  StorageConfig storage;
  storage.database = database_;
  Store store(storage);
  std::vector<std::string> hashes;
  store.read([&](Tx &tx) {
    soci::rowset<std::string> links = (tx.session().prepare << "SELECT hash FROM staff_links");
    for (const auto &hash : links) hashes.push_back(hash);
    soci::rowset<std::string> sessions = (tx.session().prepare << "SELECT hash FROM staff_sessions");
    for (const auto &hash : sessions) hashes.push_back(hash);
  });
  ASSERT_EQ(hashes.size(), 2u);
  EXPECT_EQ(hashes[0], sha256_hex(secret_of(link)));
  EXPECT_EQ(hashes[1], sha256_hex(entry->secret));
}

TEST_P(StaffEngineOn, SessionsTimeOutAndSignOutEndsThemForEveryEngine) {
  const auto entry = engine_.staff_enter(secret_of(engine_.staff_link(request_for("supervisor"))));
  ASSERT_TRUE(entry);
  // A second engine on the same database: another node.
  EngineConfig config = two_shops(database_);
  Engine node(config);
  node.set_clock(engine_.now());
  ASSERT_TRUE(node.staff_session(entry->secret));
  EXPECT_EQ(node.staff_session(entry->secret)->csrf, engine_.staff_session(entry->secret)->csrf);
  engine_.staff_sign_out(entry->secret);
  EXPECT_FALSE(node.staff_session(entry->secret));

  const auto idle = engine_.staff_enter(secret_of(engine_.staff_link(request_for("agent"))));
  ASSERT_TRUE(idle);
  engine_.set_clock(engine_.now() + kStaffIdleTimeoutMs - 1);
  EXPECT_TRUE(engine_.staff_session(idle->secret));
  engine_.set_clock(engine_.now() + kStaffIdleTimeoutMs);
  EXPECT_FALSE(engine_.staff_session(idle->secret));
}

TEST_P(StaffEngineOn, StaffSeeTheirShopsOnlyAndActAsThemselvesWithinTheirLimits) {
  engine_.set_policy("default", codec::policy_from_json(
                                    json::parse(R"({"decision_limits":{"agent":{"PLN":"100.00"}}})"),
                                    Jurisdiction::none));
  const std::string mine = open_case("default");
  const std::string theirs = open_case("other");
  const StaffMember agent = request_for("agent").staff;
  EXPECT_EQ(engine_.staff_case(agent, mine).subject.number, mine);
  try {
    engine_.staff_case(agent, theirs);
    FAIL() << "another shop's case";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_found);
  }
  const std::string their_id = engine_.get_case(theirs).subject.id;
  EXPECT_THROW(engine_.staff_case(agent, their_id), Error);
  CaseQuery query;
  query.shop = "other";
  EXPECT_THROW(engine_.staff_cases(agent, query), Error);

  ActionRequest accept;
  accept.action = Action::accept;
  accept.actor = {Role::supervisor, "impostor"};  // replaced by the signed-in member of staff
  accept.resolution = Resolution{ResolutionType::refund, std::nullopt};
  try {
    engine_.staff_act(agent, mine, accept, "");
    FAIL() << "above the agent's limit";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "decision_limit_exceeded");
  }
  const StaffMember supervisor = request_for("supervisor").staff;
  const CaseRecord done = engine_.staff_act(supervisor, mine, accept, "");
  EXPECT_EQ(done.subject.state, State::accepted);
  EXPECT_EQ(done.history.back().actor.role, Role::supervisor);
  EXPECT_EQ(done.history.back().actor.id, "anna");
  EXPECT_THROW(engine_.staff_act(agent, theirs, accept, ""), Error);
}

TEST_P(StaffEngineOn, LinksNeedKnownShopsASafeNextAndAShortLife) {
  StaffLinkRequest request = request_for("agent", R"(["default","nowhere"])");
  try {
    engine_.staff_link(request);
    FAIL() << "an unknown shop";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
    EXPECT_EQ(error.field(), "staff.shops[1]");
  }
  request = request_for("agent");
  request.ttl_s = 601;
  EXPECT_THROW(engine_.staff_link(request), Error);
  request.ttl_s = 60;
  request.next = "/c/elsewhere";
  EXPECT_THROW(engine_.staff_link(request), Error);
  for (const char *bad : {"/staff//evil.example", "/staff/../c/x", "/staff/\\evil", "/staff/a b",
                          "https://evil.example/staff/", "/staff/#x"}) {
    EXPECT_FALSE(is_staff_path(bad)) << bad;
  }
  EXPECT_TRUE(is_staff_path("/staff/"));
  EXPECT_TRUE(is_staff_path("/staff/cases/RC-2026-000001?lang=pl"));
}

}  // namespace
}  // namespace reclaim
