// GET and POST /staff/login on each backend: the form in three languages with its signed
// double-submit cookie, sign-in to a safe `next`, the same answer for unknown logins and wrong
// passwords, lockout, the per-address budget, hostile input, and sessions that end with their
// account.
#include "codec/staff_account_json.hpp"
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

constexpr const char *kPassword = "correct horse battery staple";

class StaffLogin : public StaffDesk {
 protected:
  void add_account(const std::string &id = "anna", const std::string &locale = "en") {
    engine_.staff_account(codec::staff_account_request_from_json(
        json::parse(R"({"op":"add","staff":{"id":")" + id +
                    R"(","name":"Anna Nowak","role":"agent",)"
                    R"("shops":["default"],"locale":")" +
                    locale + R"("},"password":")" + kPassword + "\"}")));
  }
  void account_op(const std::string &op, const std::string &id = "anna") {
    engine_.staff_account(codec::staff_account_request_from_json(
        json::parse(R"({"op":")" + op + R"(","id":")" + id + "\"}")));
  }
  int failed_logins(const std::string &id = "anna") {
    for (const auto &account :
         engine_
             .staff_account(codec::staff_account_request_from_json(json::parse(R"({"op":"list"})")))
             .accounts) {
      if (account.staff.id == id) return account.failed_logins;
    }
    return -1;
  }
  // A browser that loaded the form (its cookie and token), then posts it.
  Response sign_in(Desk &desk, const std::string &login, const std::string &password,
                   const std::string &next = "") {
    if (desk.csrf().empty()) {
      EXPECT_EQ(desk.get("/staff/login?lang=en").status, 200);
    }
    Fields fields{{"login", login}, {"password", password}, {"lang", "en"}};
    if (!next.empty()) fields.emplace_back("next", next);
    return desk.post("/staff/login", fields);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffLogin, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffLogin, WithoutAccountsThereIsNoFormAndPagesSayToUseTheShopsAdmin) {
  Desk desk(*app_);
  const Response login = desk.get("/staff/login?lang=en");
  EXPECT_EQ(login.status, 404);
  EXPECT_NE(login.body.find("no sign-in with a password"), std::string::npos) << login.body;
  const Response queue = desk.get("/staff/?lang=en");
  EXPECT_EQ(queue.status, 401);
  EXPECT_EQ(queue.body.find("name=\"password\""), std::string::npos);
  EXPECT_NE(queue.body.find("admin panel"), std::string::npos);
}

TEST_P(StaffLogin, TheFormInEachLanguageWithItsCookieAndNoScript) {
  add_account();
  for (const auto &[lang, title] :
       std::vector<std::pair<std::string, std::string>>{{"pl", "Logowanie do obsługi zgłoszeń"},
                                                        {"en", "Sign in to the case desk"},
                                                        {"ru", "Вход в работу с обращениями"}}) {
    Desk desk(*app_);
    const Response page = desk.get("/staff/login?lang=" + lang);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(title), std::string::npos) << lang;
    EXPECT_NE(page.body.find("<html lang=\"" + lang + "\""), std::string::npos);
    EXPECT_NE(page.body.find("autocomplete=\"current-password\""), std::string::npos);
    EXPECT_NE(page.body.find("type=\"password\""), std::string::npos);
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    EXPECT_FALSE(desk.form_cookie().empty()) << "the signed double-submit cookie";
    EXPECT_FALSE(desk.csrf().empty());
    EXPECT_EQ(page.header("Cache-Control"), "no-store");
    EXPECT_NE(page.header("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos);
  }
  EXPECT_EQ(Desk(*app_).send("PUT", "/staff/login").status, 405);
}

TEST_P(StaffLogin, APageWithoutASessionOffersTheFormAndSignInGoesBackThere) {
  add_account();
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk(*app_);
  const Response asked = desk.get("/staff/cases/" + number + "?lang=pl");
  EXPECT_EQ(asked.status, 401);
  EXPECT_NE(asked.body.find("name=\"password\""), std::string::npos) << asked.body;
  EXPECT_NE(asked.body.find("value=\"/staff/cases/" + number + "?lang=pl\""), std::string::npos)
      << asked.body;
  const Response in =
      desk.post("/staff/login",
                {{"login", "anna"}, {"password", kPassword}, {"next", "/staff/cases/" + number}});
  ASSERT_EQ(in.status, 303) << in.body;
  EXPECT_EQ(in.header("Location"), "/staff/cases/" + number);
  int cookies = 0;
  for (const auto &[name, value] : in.headers) cookies += name == "Set-Cookie";
  EXPECT_EQ(cookies, 1) << "one Set-Cookie per desk response";
  EXPECT_NE(desk.last_cookie().find("HttpOnly"), std::string::npos);
  EXPECT_NE(desk.last_cookie().find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(desk.get("/staff/cases/" + number).status, 200);
  EXPECT_EQ(desk.get("/staff/login").status, 303) << "signed in already";

  // `next` may not leave the desk.
  for (const char *evil : {"https://evil.example/", "//evil.example/staff/", "/staff/../c/x",
                           "/staff/\\evil", "/staff/logout"}) {
    Desk other(*app_);
    const Response redirected = sign_in(other, "anna", kPassword, evil);
    ASSERT_EQ(redirected.status, 303) << evil;
    EXPECT_EQ(redirected.header("Location"), "/staff/") << evil;
  }
}

TEST_P(StaffLogin, UnknownLoginsAndWrongPasswordsGetTheSameAnswer) {
  add_account();
  Desk wrong(*app_), unknown(*app_);
  const Response a = sign_in(wrong, "anna", "not the password at all");
  const Response b = sign_in(unknown, "nobody", kPassword);
  EXPECT_EQ(a.status, 401);
  EXPECT_EQ(b.status, 401);
  EXPECT_NE(a.body.find("The login or password is incorrect"), std::string::npos);
  std::string a_body = a.body, b_body = b.body;
  const auto unify = [](std::string body, const std::string &login) {
    const std::string typed = "value=\"" + login + "\"";
    body.replace(body.find(typed), typed.size(), "value=\"\"");
    static const std::regex token(R"re(name="csrf" value="[^"]+")re");
    return std::regex_replace(body, token, "csrf");
  };
  EXPECT_EQ(unify(a_body, "anna"), unify(b_body, "nobody"));
  EXPECT_TRUE(wrong.session().empty());
  EXPECT_TRUE(unknown.session().empty());
  EXPECT_EQ(a.body.find("not the password"), std::string::npos) << "the password is not echoed";
}

TEST_P(StaffLogin, FormsWithoutAValidTokenOrFromAnotherSiteAreRefusedUncounted) {
  add_account();
  Desk desk(*app_);
  ASSERT_EQ(desk.get("/staff/login").status, 200);
  const std::string token = desk.csrf();
  EXPECT_EQ(desk.post("/staff/login", {{"login", "anna"}, {"password", kPassword}}, false).status,
            403);
  EXPECT_EQ(desk.post("/staff/login",
                      {{"login", "anna"}, {"password", kPassword}, {"csrf", token + "x"}}, false)
                .status,
            403);
  // A cookie this server did not sign (planted by a neighbouring site) with a matching pair.
  Desk planted(*app_);
  planted.form_cookie() = std::string(24, 'A') + "." + std::string(43, 'B');
  planted.csrf() = token;
  const Response forged =
      planted.post("/staff/login", {{"login", "anna"}, {"password", kPassword}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_TRUE(planted.session().empty());
  // The right token, but the browser says the post started on another site.
  desk.csrf() = token;
  const Response cross =
      desk.send("POST", "/staff/login",
                "login=anna&password=" + url_encode(kPassword) + "&csrf=" + url_encode(token),
                "application/x-www-form-urlencoded", {{"sec-fetch-site", "cross-site"}});
  EXPECT_EQ(cross.status, 403);
  EXPECT_TRUE(desk.session().empty());
  EXPECT_EQ(failed_logins(), 0);
  desk.csrf() = token;
  EXPECT_EQ(desk.post("/staff/login", {{"login", "anna"}, {"password", kPassword}}).status, 303);
}

TEST_P(StaffLogin, HostileInputIsRefusedWithoutHarm) {
  add_account();
  Desk desk(*app_);
  ASSERT_EQ(desk.get("/staff/login").status, 200);
  const std::string token = desk.csrf();
  const auto raw = [&](const std::string &body) {
    return desk.send("POST", "/staff/login", body + "&csrf=" + url_encode(token),
                     "application/x-www-form-urlencoded");
  };
  EXPECT_EQ(raw("login=anna&password=%C3%28%20twelve%20chars").status, 400);  // not UTF-8
  EXPECT_EQ(raw("login=an%00na&password=x").status, 400);                     // NUL
  EXPECT_EQ(raw("login=anna&password=" + std::string(20'001, 'x')).status, 400);
  EXPECT_EQ(raw("login=" + std::string(5'000, 'a') + "&password=x").status, 401);
  EXPECT_EQ(raw("login=anna&password=" + std::string(2'000, 'x')).status, 401);
  EXPECT_EQ(raw("").status, 401);
  const Response echoed = raw("login=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=x");
  EXPECT_EQ(echoed.status, 401);
  EXPECT_EQ(echoed.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(echoed.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(desk.send("POST", "/staff/login", "{\"login\":\"anna\"}", "application/json").status,
            303);
  EXPECT_TRUE(desk.session().empty());
}

TEST_P(StaffLogin, FiveWrongPasswordsLockTheAccountAndTheLockSaysNothingOfTheNext) {
  add_account("anna", "pl");
  Desk desk(*app_);
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(sign_in(desk, "anna", "wrong password " + std::to_string(i)).status, 401) << i;
  }
  const Response fifth = sign_in(desk, "anna", "wrong password 5");
  EXPECT_EQ(fifth.status, 403);
  EXPECT_NE(fifth.body.find("temporarily locked"), std::string::npos) << fifth.body;
  EXPECT_NE(fifth.body.find("11:15"), std::string::npos) << "10:00 UTC + 15 min in Warsaw";
  const Response right = sign_in(desk, "anna", kPassword);
  EXPECT_EQ(right.status, 403);
  EXPECT_EQ(right.body, fifth.body);
  EXPECT_TRUE(desk.session().empty());
  advance(15 * kMinute);
  EXPECT_EQ(sign_in(desk, "anna", kPassword).status, 303);
}

TEST_P(StaffLogin, OneAddressHasABudgetOfAttempts) {
  add_account();
  Desk desk(*app_);
  for (int i = 0; i < kLoginsPerAddress; ++i) {
    EXPECT_EQ(sign_in(desk, "nobody-" + std::to_string(i), "whatever it is").status, 401) << i;
  }
  const Response limited = sign_in(desk, "anna", kPassword);
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.header("Retry-After").empty());
  EXPECT_NE(limited.body.find("Too many sign-in attempts"), std::string::npos);
  EXPECT_TRUE(desk.session().empty());
  Desk elsewhere(*app_);
  elsewhere.peer() = "203.0.113.9";
  EXPECT_EQ(sign_in(elsewhere, "anna", kPassword).status, 303);
}

TEST_P(StaffLogin, RemovedOrDisabledAccountsLoseTheirSessionsAtOnce) {
  add_account("anna");
  add_account("olga");
  Desk anna(*app_), olga(*app_);
  ASSERT_EQ(sign_in(anna, "anna", kPassword).status, 303);
  ASSERT_EQ(sign_in(olga, "olga", kPassword).status, 303);
  ASSERT_EQ(anna.get("/staff/").status, 200);
  account_op("disable", "olga");
  EXPECT_EQ(olga.get("/staff/").status, 401);
  EXPECT_EQ(olga.get("/staff/api/v1/session").status, 401);
  EXPECT_EQ(anna.get("/staff/").status, 200);
  account_op("remove", "anna");
  const Response gone = anna.get("/staff/");
  EXPECT_EQ(gone.status, 401);
  EXPECT_NE(gone.body.find("name=\"password\""), std::string::npos) << "olga's account remains";
  Desk again(*app_);
  EXPECT_EQ(sign_in(again, "anna", kPassword).status, 401);
}

TEST_P(StaffLogin, SignOutOffersToSignInAgain) {
  add_account();
  Desk desk(*app_);
  ASSERT_EQ(sign_in(desk, "anna", kPassword).status, 303);
  ASSERT_EQ(desk.get("/staff/").status, 200);
  const Response out = desk.post("/staff/logout", {{"lang", "en"}});
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(out.body.find("/staff/login?lang=en"), std::string::npos) << out.body;
  int cookies = 0;
  for (const auto &[name, value] : out.headers) cookies += name == "Set-Cookie";
  EXPECT_EQ(cookies, 1);
  EXPECT_EQ(desk.get("/staff/").status, 401);
}

}  // namespace
}  // namespace reclaim::http::testing
