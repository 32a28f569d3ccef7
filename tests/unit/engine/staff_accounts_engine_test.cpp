// reclaimd's staff accounts on each backend: only hashes are stored, passwords are checked and
// refused by rule, sign-in opens the sessions links open, wrong passwords lock an account for a
// growing time, a disabled, removed or re-passworded account loses its sessions at once.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "codec/staff_account_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr const char *kPassword = "correct horse battery staple";
constexpr UnixMs kMinute = 60'000;

EngineConfig accounts_config(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  config.cheap_password_hashing = true;
  ShopConfig shop;
  shop.timezone = "Europe/Warsaw";
  ShopConfig other = shop;
  other.id = "other";
  config.shops = {shop, other};
  return config;
}

StaffAccountRequest request(const std::string &document) {
  return codec::staff_account_request_from_json(json::parse(document));
}

StaffAccountRequest add(const std::string &id, const std::string &role = "agent") {
  return request(R"({"op":"add","staff":{"id":")" + id + R"(","name":"Anna Nowak","role":")" +
                 role + R"(","shops":["default"],"locale":"pl"},"password":")" + kPassword + "\"}");
}

class StaffAccountsOn : public ::testing::TestWithParam<std::string> {
 protected:
  StaffAccountsOn()
      : database_(test::fresh_database(GetParam())), engine_(accounts_config(database_)) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
  }

  Status status_of(const StaffAccountRequest &r, std::string *field = nullptr) {
    try {
      engine_.staff_account(r);
    } catch (const Error &error) {
      if (field) *field = error.field();
      return error.status();
    }
    return Status::ok;
  }

  std::string database_;
  Engine engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffAccountsOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffAccountsOn, OnlyAnArgon2idHashIsStoredAndNeverAnswered) {
  EXPECT_FALSE(engine_.staff_accounts_exist());
  const StaffAccountAnswer added = engine_.staff_account(add("anna"));
  ASSERT_EQ(added.accounts.size(), 1u);
  EXPECT_TRUE(added.accounts[0].password_hash.empty());
  EXPECT_EQ(added.accounts[0].staff.role, Role::agent);
  EXPECT_TRUE(engine_.staff_accounts_exist());
  const std::string answer = json::serialize(codec::to_json(added));
  EXPECT_EQ(answer.find(kPassword), std::string::npos);
  EXPECT_EQ(answer.find("argon2"), std::string::npos);

  StorageConfig storage;
  storage.database = database_;
  Store store(storage);
  store.read([&](Tx &tx) {
    std::string hash;
    tx.session() << "SELECT password_hash FROM staff_accounts WHERE id = 'anna'", soci::into(hash);
    EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
    EXPECT_EQ(hash.find(kPassword), std::string::npos);
  });
  const auto listed = engine_.staff_account(request(R"({"op":"list"})"));
  ASSERT_EQ(listed.accounts.size(), 1u);
  EXPECT_TRUE(listed.accounts[0].password_hash.empty());
  EXPECT_EQ(listed.accounts[0].staff.shops, std::vector<std::string>{"default"});
  EXPECT_EQ(listed.accounts[0].staff.locale, "pl");
}

TEST_P(StaffAccountsOn, BadRequestsAreRefusedAndChangeNothing) {
  std::string field;
  EXPECT_EQ(status_of(add("anna")), Status::ok);
  EXPECT_EQ(status_of(add("anna"), &field), Status::conflict);
  EXPECT_EQ(field, "staff.id");
  auto unknown_shop = add("olga");
  unknown_shop.staff.shops = {"default", "nowhere"};
  EXPECT_EQ(status_of(unknown_shop, &field), Status::invalid_argument);
  EXPECT_EQ(field, "staff.shops[1]");
  EXPECT_EQ(
      status_of(request(R"({"op":"passwd","id":"nobody","password":"long enough pass"})"), &field),
      Status::not_found);
  EXPECT_EQ(field, "id");
  EXPECT_EQ(status_of(request(R"({"op":"remove","id":"nobody"})")), Status::not_found);
  for (
      const char *bad :
      {R"({"op":"add","staff":{"id":"o","role":"agent","shops":["default"]},"password":"short"})",
       R"({"op":"add","staff":{"id":"o p","role":"agent","shops":["default"]},"password":"long enough pass"})",
       R"({"op":"add","staff":{"id":"o","role":"host","shops":["default"]},"password":"long enough pass"})",
       R"({"op":"passwd","id":"anna","password":"elevenchars"})",
       R"({"op":"passwd","id":"anna","password":"twelve chars\u0007"})",
       R"({"op":"passwd","id":"anna"})", R"({"op":"list","id":"anna"})", R"({"op":"rename"})",
       R"({"id":"anna"})", R"([])", R"({"op":"remove","id":""})"}) {
    EXPECT_THROW(request(bad), Error) << bad;
  }
  // Twelve characters are enough even when they take more bytes (Cyrillic: 2 bytes each).
  EXPECT_NO_THROW(request(R"({"op":"passwd","id":"anna","password":"пароль-длинн"})"));
  EXPECT_THROW(
      request(R"({"op":"passwd","id":"anna","password":")" + std::string(1025, 'x') + "\"}"),
      Error);
  const auto listed = engine_.staff_account(request(R"({"op":"list"})"));
  ASSERT_EQ(listed.accounts.size(), 1u);
  EXPECT_EQ(listed.accounts[0].staff.id, "anna");
}

TEST_P(StaffAccountsOn, SignInOpensASessionAndUnknownLoginsAndWrongPasswordsAnswerAlike) {
  engine_.staff_account(add("anna", "supervisor"));
  const StaffLogin in = engine_.staff_login("anna", kPassword, "/staff/cases/x");
  ASSERT_EQ(in.outcome, LoginOutcome::signed_in);
  ASSERT_TRUE(in.entry);
  EXPECT_EQ(in.entry->next, "/staff/cases/x");
  EXPECT_EQ(in.entry->session.staff.role, Role::supervisor);
  const auto session = engine_.staff_session(in.entry->secret);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->staff.id, "anna");
  EXPECT_EQ(session->csrf, in.entry->session.csrf);
  EXPECT_EQ(engine_.staff_login("anna", kPassword, "https://evil.example/").entry->next, "/staff/");

  const StaffLogin wrong = engine_.staff_login("anna", "correct horse battery stapler", "/staff/");
  const StaffLogin unknown = engine_.staff_login("nobody", kPassword, "/staff/");
  const StaffLogin empty = engine_.staff_login("", "", "/staff/");
  for (const auto *refused : {&wrong, &unknown, &empty}) {
    EXPECT_EQ(refused->outcome, LoginOutcome::refused);
    EXPECT_FALSE(refused->entry);
    EXPECT_EQ(refused->locked_until, 0);
  }
  // The failure counted; a sign-in clears it.
  EXPECT_EQ(engine_.staff_account(request(R"({"op":"list"})")).accounts[0].failed_logins, 1);
  ASSERT_EQ(engine_.staff_login("anna", kPassword, "/staff/").outcome, LoginOutcome::signed_in);
  EXPECT_EQ(engine_.staff_account(request(R"({"op":"list"})")).accounts[0].failed_logins, 0);
}

TEST_P(StaffAccountsOn, FiveWrongPasswordsLockForAGrowingTimeWithoutSayingWhetherTheNextIsRight) {
  engine_.staff_account(add("anna"));
  for (int i = 1; i < kLockoutEvery; ++i) {
    EXPECT_EQ(engine_.staff_login("anna", "wrong password " + std::to_string(i), "/staff/").outcome,
              LoginOutcome::refused);
  }
  const StaffLogin fifth = engine_.staff_login("anna", "wrong password 5", "/staff/");
  EXPECT_EQ(fifth.outcome, LoginOutcome::locked);
  EXPECT_EQ(fifth.locked_until, engine_.now() + 15 * kMinute);
  // Locked: the right password gets the same answer as a wrong one, and no session.
  const StaffLogin right = engine_.staff_login("anna", kPassword, "/staff/");
  EXPECT_EQ(right.outcome, LoginOutcome::locked);
  EXPECT_FALSE(right.entry);
  EXPECT_EQ(engine_.staff_login("anna", "still wrong pass", "/staff/").outcome,
            LoginOutcome::locked);
  const auto listed = engine_.staff_account(request(R"({"op":"list"})"));
  EXPECT_EQ(listed.accounts[0].locked_until, engine_.now() + 15 * kMinute);

  // After the lock, five more wrong ones lock for twice as long.
  engine_.set_clock(engine_.now() + 15 * kMinute);
  for (int i = 1; i < kLockoutEvery; ++i) engine_.staff_login("anna", "wrong again pass", "/");
  EXPECT_EQ(engine_.staff_login("anna", "wrong again pass", "/").locked_until,
            engine_.now() + 30 * kMinute);
  EXPECT_EQ(lockout_after(15), 60 * kMinute);
  EXPECT_EQ(lockout_after(500), kLockoutMaxMs);
  EXPECT_EQ(lockout_after(4), 0);
  EXPECT_EQ(lockout_after(6), 0);

  // enable (or passwd) clears the lockout.
  engine_.staff_account(request(R"({"op":"enable","id":"anna"})"));
  EXPECT_EQ(engine_.staff_login("anna", kPassword, "/staff/").outcome, LoginOutcome::signed_in);
}

TEST_P(StaffAccountsOn, DisablingRemovingOrANewPasswordEndsTheSessionsAtOnce) {
  engine_.staff_account(add("anna"));
  engine_.staff_account(add("olga"));
  const auto anna = engine_.staff_login("anna", kPassword, "/staff/").entry;
  const auto olga = engine_.staff_login("olga", kPassword, "/staff/").entry;
  ASSERT_TRUE(anna && olga);
  // Another node on the same database sees the end too.
  Engine node(accounts_config(database_));
  node.set_clock(engine_.now());
  ASSERT_TRUE(node.staff_session(anna->secret));

  const auto disabled = engine_.staff_account(request(R"({"op":"disable","id":"anna"})"));
  EXPECT_EQ(disabled.sessions_ended, 1);
  EXPECT_TRUE(disabled.accounts[0].disabled);
  EXPECT_FALSE(node.staff_session(anna->secret));
  EXPECT_TRUE(node.staff_session(olga->secret));
  EXPECT_EQ(engine_.staff_login("anna", kPassword, "/staff/").outcome, LoginOutcome::refused);
  engine_.staff_account(request(R"({"op":"enable","id":"anna"})"));
  const auto again = engine_.staff_login("anna", kPassword, "/staff/").entry;
  ASSERT_TRUE(again);

  const auto changed = engine_.staff_account(
      request(R"({"op":"passwd","id":"anna","password":"a brand new passphrase"})"));
  EXPECT_EQ(changed.sessions_ended, 1);
  EXPECT_FALSE(engine_.staff_session(again->secret));
  EXPECT_EQ(engine_.staff_login("anna", kPassword, "/staff/").outcome, LoginOutcome::refused);
  const auto last = engine_.staff_login("anna", "a brand new passphrase", "/staff/").entry;
  ASSERT_TRUE(last);

  const auto removed = engine_.staff_account(request(R"({"op":"remove","id":"anna"})"));
  EXPECT_EQ(removed.sessions_ended, 1);
  EXPECT_FALSE(node.staff_session(last->secret));
  EXPECT_EQ(engine_.staff_login("anna", "a brand new passphrase", "/staff/").outcome,
            LoginOutcome::refused);
  EXPECT_TRUE(engine_.staff_session(olga->secret));
  EXPECT_EQ(engine_.staff_account(request(R"({"op":"list"})")).accounts.size(), 1u);
}

TEST(PasswordRules, CountCharactersNotBytesAndRefuseBrokenUtf8) {
  EXPECT_FALSE(password_problem("twelve chars"));
  EXPECT_TRUE(password_problem("eleven char"));
  EXPECT_FALSE(password_problem("zażółć gęślą"));  // 12 characters, 17 bytes
  EXPECT_TRUE(password_problem("\xc3\x28 twelve chars"));
  EXPECT_TRUE(password_problem("\xed\xa0\x80 twelve chars"));  // a surrogate
  EXPECT_TRUE(password_problem("\xc0\xaf overlong form"));
  EXPECT_TRUE(password_problem("twelve chars \xe2\x82"));  // cut short
  EXPECT_TRUE(password_problem(std::string(1025, 'x')));
  EXPECT_FALSE(password_problem(std::string(1024, 'x')));
}

}  // namespace
}  // namespace reclaim
