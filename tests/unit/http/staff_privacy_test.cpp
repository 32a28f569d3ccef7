// The legal hold at the desk: only a supervisor sees and takes it, it needs a reason, it shows on
// the case page and keeps the case from an erasure; an anonymised case offers no actions. A
// flagged case shows its flags in words and the customer's recent history.
#include "staff_fixture.hpp"

namespace reclaim::http::testing {

TEST_P(StaffDesk, ASupervisorSetsAndReleasesALegalHoldThatKeepsTheCaseFromErasure) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  engine_.act(number, [] {
    ActionRequest r;
    r.action = Action::reject;
    r.actor = {Role::supervisor, "boss"};
    r.reason = "Wear and tear.";
    return r;
  }(), "");

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

}  // namespace reclaim::http::testing
