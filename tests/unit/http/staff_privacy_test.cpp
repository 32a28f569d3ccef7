// The legal hold at the desk: only a supervisor sees and takes it, it needs a reason, it shows on
// the case page and keeps the case from an erasure; an anonymised case offers no actions. A
// flagged case shows its flags in words and the customer's recent history. The personal-data
// page: only supervisors, export as a download, erasure with a reason and a confirmation.
#include "staff_fixture.hpp"

namespace reclaim::http::testing {

namespace {

void reject(Engine &engine, const std::string &number) {
  ActionRequest r;
  r.action = Action::reject;
  r.actor = {Role::supervisor, "boss"};
  r.reason = "Wear and tear.";
  engine.act(number, r, "");
}

}  // namespace

TEST_P(StaffDesk, ASupervisorSetsAndReleasesALegalHoldThatKeepsTheCaseFromErasure) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  reject(engine_, number);

  Desk agent = signed_in("agent");
  const Response seen = agent.get("/staff/cases/" + number);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("value=\"legal_hold\""), std::string::npos);
  EXPECT_EQ(agent.post("/staff/cases/" + number + "/actions",
                       {{"action", "legal_hold"}, {"hold", "true"}, {"reason", "x"}})
                .status,
            403);

  Desk supervisor = signed_in("supervisor");
  const Response page = supervisor.get("/staff/cases/" + number);
  ASSERT_NE(page.body.find("value=\"legal_hold\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Set a legal hold"), std::string::npos);
  // Without a reason: refused, nothing held.
  EXPECT_EQ(supervisor.post("/staff/cases/" + number + "/actions",
                            {{"action", "legal_hold"}, {"hold", "true"}})
                .status,
            422);
  EXPECT_FALSE(engine_.get_case(number).subject.legal_hold);
  EXPECT_EQ(supervisor.post("/staff/cases/" + number + "/actions",
                            {{"action", "legal_hold"}, {"hold", "true"},
                             {"reason", "<b>Court case</b> 12/2026"}})
                .status,
            303);
  const Response held = supervisor.get("/staff/cases/" + number);
  EXPECT_NE(held.body.find("&lt;b&gt;Court case&lt;/b&gt; 12/2026"), std::string::npos);
  EXPECT_EQ(held.body.find("<b>Court case"), std::string::npos);
  EXPECT_NE(held.body.find("Release the legal hold"), std::string::npos);

  const Erasure kept = engine_.subject_erase(
      {"default", "anna@example.com", {Role::supervisor, "boss"}, "asked"});
  ASSERT_EQ(kept.kept.size(), 1u);
  EXPECT_EQ(kept.kept[0].why, "legal_hold");

  EXPECT_EQ(supervisor.post("/staff/cases/" + number + "/actions",
                            {{"action", "legal_hold"}, {"hold", "false"}})
                .status,
            303);
  EXPECT_EQ(engine_.subject_erase({"default", "anna@example.com", {Role::supervisor, "boss"}, "asked"})
                .cases,
            1);
  const Response erased = supervisor.get("/staff/cases/" + number);
  EXPECT_EQ(erased.status, 200);
  EXPECT_EQ(erased.body.find("anna@example.com"), std::string::npos);
  EXPECT_NE(erased.body.find("personal data erased"), std::string::npos);
  EXPECT_EQ(erased.body.find("name=\"action\""), std::string::npos);  // no forms left
}

TEST_P(StaffDesk, AFlaggedCaseShowsItsFlagsInWordsAndTheCustomersHistory) {
  engine_.set_policy("default", codec::policy_from_json(
                                    json::parse(R"({"abuse":{"window_days":90,"block":{"emails":["ANNA@example.com"]}}})"),
                                    Jurisdiction::none));
  const std::string number = open_case("default", "1002", "anna@example.com");
  const std::string plain = open_case("default", "1001", "jan@example.pl");
  Desk agent = signed_in("agent");
  const Response page = agent.get("/staff/cases/" + number + "?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("This case was flagged for a person to review"), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<strong>Customer on the block list</strong>: the e-mail address is on "
                           "the shop&#39;s block list"),
            std::string::npos);
  EXPECT_NE(page.body.find("In the last 90 days: cases: 1 (returns: 0, complaints: 1); orders: 1, "
                           "with a return: 0"),
            std::string::npos);
  const Response polish = agent.get("/staff/cases/" + number + "?lang=pl");
  EXPECT_NE(polish.body.find("Klient na liście zablokowanych"), std::string::npos);
  const Response russian = agent.get("/staff/cases/" + number + "?lang=ru");
  EXPECT_NE(russian.body.find("Покупатель в списке блокировки"), std::string::npos);
  const Response other = agent.get("/staff/cases/" + plain + "?lang=en");
  EXPECT_EQ(other.body.find("flagged for a person"), std::string::npos);
}

TEST_P(StaffDesk, ASupervisorExportsAndErasesACustomersDataFromTheDesk) {
  const std::string open_number = open_case("default", "1002", "anna@example.com");
  const std::string finished = open_case("default", "1002", "anna@example.com", "broken", "2");
  reject(engine_, finished);

  Desk agent = signed_in("agent");
  EXPECT_EQ(agent.get("/staff/?lang=en").body.find("/staff/privacy"), std::string::npos)
      << "agents are not offered the page";
  EXPECT_EQ(agent.get("/staff/privacy").status, 403);
  EXPECT_EQ(agent.post("/staff/privacy/export", {{"email", "anna@example.com"}}).status, 403);

  Desk supervisor = signed_in("supervisor");
  EXPECT_NE(supervisor.get("/staff/?lang=en").body.find("/staff/privacy"), std::string::npos);
  const Response page = supervisor.get("/staff/privacy?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("A customer&#39;s personal data"), std::string::npos) << page.body;
  EXPECT_EQ(supervisor.get("/staff/privacy?shop=other").status, 404) << "not their shop";
  EXPECT_EQ(supervisor.post("/staff/privacy/export", {{"email", "anna@example.com"}}, false).status,
            403)
      << "no CSRF token";

  const Response exported =
      supervisor.post("/staff/privacy/export", {{"email", "ANNA@example.com"}});
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.header("Content-Disposition").find("attachment; filename=\"personal-data-"),
            std::string::npos);
  EXPECT_EQ(exported.header("Content-Disposition").find("anna"), std::string::npos);
  const auto data = json::parse(exported.body).as_object();
  EXPECT_EQ(data.at("cases").as_array().size(), 2u);

  // An erasure needs an address, a reason and the confirmation; without them nothing changes.
  EXPECT_EQ(supervisor.post("/staff/privacy/erase", {{"email", "nobody"}, {"reason", "x"},
                                                     {"confirm", "yes"}})
                .status,
            422);
  const Response no_reason = supervisor.post(
      "/staff/privacy/erase?lang=en", {{"email", "anna@example.com"}, {"confirm", "yes"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Give the reason for the erasure"), std::string::npos);
  EXPECT_EQ(supervisor.post("/staff/privacy/erase",
                            {{"email", "anna@example.com"}, {"reason", "asked on 1 Dec"}})
                .status,
            422);
  EXPECT_EQ(engine_.get_case(finished).subject.customer.email, "anna@example.com");

  const Response erased = supervisor.post(
      "/staff/privacy/erase?lang=en",
      {{"email", "anna@example.com"}, {"reason", "asked on 1 Dec"}, {"confirm", "yes"}});
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_NE(erased.body.find("Anonymised: cases: 1,"), std::string::npos) << erased.body;
  EXPECT_NE(erased.body.find(open_number), std::string::npos) << "the open case is listed as kept";
  EXPECT_NE(erased.body.find("the case is still open"), std::string::npos);
  EXPECT_EQ(erased.body.find("anna@example.com"), std::string::npos)
      << "the report of an erasure does not show the address";
  EXPECT_NE(engine_.get_case(finished).subject.customer.email, "anna@example.com");
  EXPECT_EQ(engine_.get_case(open_number).subject.customer.email, "anna@example.com");
}

}  // namespace reclaim::http::testing
