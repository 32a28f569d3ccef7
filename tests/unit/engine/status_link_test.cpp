// Status links on each backend: renewing revokes the earlier links in the same transaction as
// its history entry and event; a rotated secret still verifies while it is in the grace list;
// a link is for its own shop only; the secret can live in a file or an environment variable.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "engine/config.hpp"
#include "engine/engine.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"
#include "support/migrations.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig two_shops(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  config.secret = std::string(32, 'a');
  ShopConfig a;
  a.id = "shop-a";
  ShopConfig b;
  b.id = "shop-b";
  b.case_prefix = "RB";
  config.shops = {a, b};
  return config;
}

CaseRecord open_in(Engine &engine, const std::string &shop) {
  return open_kettle_complaint(engine, shop, "anna", "10.00");
}

CaseRecord renew(Engine &engine, const std::string &case_id, Role role) {
  ActionRequest request;
  request.action = Action::renew_link;
  request.actor = {role, role == Role::customer ? "" : "anna"};
  return engine.act(case_id, request, "");
}

class StatusLinksOn : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, StatusLinksOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StatusLinksOn, RenewingRevokesEarlierLinksAndRecordsAnEvent) {
  Engine engine(two_shops(test::fresh_database(GetParam())));
  const CaseRecord opened = open_in(engine, "shop-a");
  const std::string id = opened.subject.id;
  const std::string first = opened.status_token;
  ASSERT_EQ(engine.case_of_token(first, "shop-a"), id);

  const CaseRecord renewed = renew(engine, id, Role::customer);
  EXPECT_EQ(renewed.subject.link_version, 1);
  EXPECT_EQ(renewed.subject.state, opened.subject.state);
  EXPECT_EQ(renewed.subject.version, opened.subject.version + 1);
  EXPECT_FALSE(renewed.subject.first_response_at);
  EXPECT_FALSE(engine.case_of_token(first, "shop-a"));
  EXPECT_EQ(engine.case_of_token(renewed.status_token, "shop-a"), id);
  EXPECT_EQ(engine.get_case(id).status_token, renewed.status_token);
  EXPECT_EQ(engine.get_case(id).subject.link_version, 1);

  // Staff renew too, from any state; the previous renewal's link goes with it.
  const CaseRecord again = renew(engine, id, Role::agent);
  EXPECT_EQ(again.subject.link_version, 2);
  EXPECT_FALSE(engine.case_of_token(renewed.status_token, "shop-a"));
  EXPECT_TRUE(engine.case_of_token(again.status_token, "shop-a"));

  const auto history = engine.get_case(id).history;
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().action, "renew_link");
  EXPECT_TRUE(history.back().customer_visible);
  EventQuery query;
  query.case_id = id;
  int renewals = 0;
  for (const auto &event : engine.read_events(query).events) {
    if (event.type != "case.link_renewed") continue;
    ++renewals;
    EXPECT_TRUE(event.customer_visible);
    EXPECT_EQ(event.data.at("link_version").to_number<int>(), renewals);
    // The new link, for the host's mailer: it opens the case; the earlier ones no longer do.
    const std::string token(event.data.at("status_token").as_string());
    EXPECT_EQ(engine.case_of_token(token, "shop-a").has_value(), renewals == 2);
  }
  EXPECT_EQ(renewals, 2);
}

TEST_P(StatusLinksOn, ALinkIsForItsOwnShopOnly) {
  Engine engine(two_shops(test::fresh_database(GetParam())));
  const CaseRecord in_a = open_in(engine, "shop-a");
  const CaseRecord in_b = open_in(engine, "shop-b");
  EXPECT_EQ(engine.case_of_token(in_a.status_token, "shop-a"), in_a.subject.id);
  EXPECT_FALSE(engine.case_of_token(in_a.status_token, "shop-b"));
  EXPECT_FALSE(engine.case_of_token(in_b.status_token, "shop-a"));
  // A link signed for shop B but naming shop A's case fails on the case's shop.
  StatusLink forged{in_a.subject.id, "shop-b", 0, "0", false};
  EXPECT_FALSE(engine.status_link_current(forged));
}

TEST_P(StatusLinksOn, ARotatedSecretVerifiesWhileInTheGraceList) {
  const std::string database = test::fresh_database(GetParam());
  std::string token, id;
  {
    Engine before(two_shops(database));
    const CaseRecord opened = open_in(before, "shop-a");
    token = opened.status_token;
    id = opened.subject.id;
  }
  auto rotated = two_shops(database);
  rotated.secret = std::string(32, 'b');
  rotated.secret_id = "k2";
  rotated.previous_secrets = {{"0", std::string(32, 'a')}};
  {
    Engine during(rotated);
    EXPECT_EQ(during.case_of_token(token, "shop-a"), id);
    EXPECT_EQ(during.get_case(id).status_token.rfind(id + ".k2.0.", 0), 0u);
  }
  rotated.previous_secrets.clear();
  Engine after(rotated);
  EXPECT_FALSE(after.case_of_token(token, "shop-a"));
  EXPECT_TRUE(after.case_of_token(after.get_case(id).status_token, "shop-a"));
}

// Links of the first format ("CASE.SIGNATURE") still open their case under key "0" until the
// case's links are renewed or key "0" leaves the configuration.
TEST_P(StatusLinksOn, FirstFormatLinksLastTheGracePeriod) {
  const std::string database = test::fresh_database(GetParam());
  Engine engine(two_shops(database));
  const CaseRecord opened = open_in(engine, "shop-a");
  const std::string id = opened.subject.id;
  const std::string mac = hmac_sha256(std::string(32, 'a'), "reclaim-status-v1:" + id);
  const std::string old_link = id + "." + base64url_encode(std::string_view(mac).substr(0, 18));
  EXPECT_EQ(engine.case_of_token(old_link, "shop-a"), id);
  EXPECT_FALSE(engine.case_of_token(old_link, "shop-b"));  // not the case's shop
  {
    auto rotated = two_shops(database);
    rotated.secret = std::string(32, 'b');
    rotated.secret_id = "k2";
    Engine without_key_zero(rotated);
    EXPECT_FALSE(without_key_zero.case_of_token(old_link, "shop-a"));
  }
  renew(engine, id, Role::agent);
  EXPECT_FALSE(engine.case_of_token(old_link, "shop-a"));
}

// A database made before link versions (schema 5) gains the column; its cases are at version 0.
TEST_P(StatusLinksOn, MigrationGivesExistingCasesVersionZero) {
  const std::string database = test::fresh_database(GetParam());
  std::string id, token;
  {
    Engine engine(two_shops(database));
    const CaseRecord opened = open_in(engine, "shop-a");
    id = opened.subject.id;
    token = opened.status_token;
  }
  {
    StorageConfig storage;
    storage.database = database;
    Store store(storage);
    store.write([](Tx &tx) {
      test::undo_queue_migration(tx.session());
      tx.session() << "ALTER TABLE cases DROP COLUMN link_version";
      tx.session() << "DROP TABLE staff_links";  // migration 7
      tx.session() << "DROP TABLE staff_sessions";
      tx.session() << "DROP TABLE outbox";  // migration 8
      tx.session() << "DROP TABLE inbound_mail";  // migration 9
      tx.session() << "UPDATE meta SET value = '5' WHERE key = 'schema_version'";
    });
  }
  Engine engine(two_shops(database));
  EXPECT_EQ(engine.info().schema, kSchemaVersion);
  EXPECT_EQ(engine.case_of_token(token, "shop-a"), id);
  renew(engine, id, Role::supervisor);
  EXPECT_FALSE(engine.case_of_token(token, "shop-a"));
}

// Configuration: the secret from a file or an environment variable, key ids, the grace list.
class SecretConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("reclaim-secret-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    ::unsetenv("RECLAIM_TEST_SECRET");
  }
  std::string write(const std::string &name, const std::string &text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  static EngineConfig parse(const std::string &text) { return config_from_json(json::parse(text)); }
  static std::string field_of(const std::string &text) {
    try {
      parse(text);
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
      return error.field();
    }
    return "(accepted)";
  }
  std::filesystem::path dir_;
};

const std::string kHexA(64, 'a');  // 32 bytes of 0xaa
const std::string kHexB(64, 'b');

TEST_F(SecretConfig, AnOldDocumentReadsAsBefore) {
  const auto config = parse(R"({"database":"sqlite::memory:","secret":")" + kHexA + R"("})");
  EXPECT_EQ(config.secret, std::string(32, '\xaa'));
  EXPECT_EQ(config.secret_id, "0");
  EXPECT_TRUE(config.previous_secrets.empty());
  EXPECT_TRUE(parse(R"({"database":"sqlite::memory:"})").secret.empty());
}

TEST_F(SecretConfig, TheSecretComesFromAFile) {
  const std::string file = write("secret", kHexA + "\n");
  const auto config =
      parse(R"({"database":"sqlite::memory:","secret_file":")" + file + R"(","secret_id":"k1"})");
  EXPECT_EQ(config.secret, std::string(32, '\xaa'));
  EXPECT_EQ(config.secret_id, "k1");
  EXPECT_EQ(field_of(R"({"database":"sqlite::memory:","secret_file":")" + (dir_ / "none").string() +
                     R"("})"),
            "secret_file");
  EXPECT_EQ(field_of(R"({"database":"sqlite::memory:","secret_file":")" + write("short", "abcd") +
                     R"("})"),
            "secret_file");
}

TEST_F(SecretConfig, TheSecretComesFromTheEnvironment) {
  EXPECT_EQ(field_of(R"({"database":"sqlite::memory:","secret_env":"RECLAIM_TEST_SECRET"})"),
            "secret_env");
  ::setenv("RECLAIM_TEST_SECRET", kHexB.c_str(), 1);
  const auto config = parse(R"({"database":"sqlite::memory:","secret_env":"RECLAIM_TEST_SECRET"})");
  EXPECT_EQ(config.secret, std::string(32, '\xbb'));
}

TEST_F(SecretConfig, PreviousSecretsAndTheirIds) {
  ::setenv("RECLAIM_TEST_SECRET", kHexB.c_str(), 1);
  const std::string file = write("old", kHexA);
  const auto config = parse(R"({"database":"sqlite::memory:","secret_env":"RECLAIM_TEST_SECRET",)"
                            R"("secret_id":"k3","previous_secrets":[{"id":"k2","file":")" +
                            file + R"("},{"id":"0","secret":")" + kHexA + R"("}]})");
  ASSERT_EQ(config.previous_secrets.size(), 2u);
  EXPECT_EQ(config.previous_secrets[0].id, "k2");
  EXPECT_EQ(config.previous_secrets[0].secret, std::string(32, '\xaa'));
  EXPECT_EQ(config.previous_secrets[1].id, "0");
  const std::string base = R"({"database":"sqlite::memory:","secret":")" + kHexB + R"(",)";
  EXPECT_EQ(field_of(base + R"("secret_file":")" + file + R"("})"), "secret_file");
  EXPECT_EQ(field_of(base + R"("secret_id":"a.b"})"), "secret_id");
  EXPECT_EQ(field_of(base + R"("previous_secrets":[{"id":"k1"}]})"), "previous_secrets[0].secret");
  EXPECT_EQ(field_of(base + R"("previous_secrets":[{"id":"0","secret":")" + kHexA + R"("}]})"),
            "previous_secrets[0].id");  // the current key's id
  EXPECT_EQ(field_of(base + R"("previous_secrets":[{"id":"k1","secret":")" + kHexA +
                     R"(","env":"RECLAIM_TEST_SECRET"}]})"),
            "previous_secrets[0].env");
  EXPECT_EQ(
      field_of(base + R"("previous_secrets":[{"id":"k1","secret":")" + kHexA + R"(","extra":1}]})"),
      "previous_secrets[0].extra");
}

// An engine opened with a secret from a file signs with it, not with the database's.
TEST_F(SecretConfig, AnEngineSignsWithTheFilesSecret) {
  const std::string file = write("secret", kHexA);
  const std::string database = "sqlite:" + (dir_ / "shop.db").string();
  Engine from_file(config_from_json(json::parse(
      R"({"database":")" + database + R"(","clock":"manual","secret_file":")" + file + R"("})")));
  Engine inline_secret(config_from_json(json::parse(
      R"({"database":")" + database + R"(","clock":"manual","secret":")" + kHexA + R"("})")));
  Engine stored(config_from_json(json::parse(R"({"database":")" + database + R"("})")));
  Case subject;
  subject.id = "c_1";
  subject.shop = "default";
  EXPECT_EQ(from_file.status_token(subject), inline_secret.status_token(subject));
  EXPECT_NE(from_file.status_token(subject), stored.status_token(subject));
}

}  // namespace
}  // namespace reclaim
