// POST /staff/bulk on each backend: one action on many selected cases, each with its own
// version check; a result page that says which were changed and why the others were not; CSRF,
// another shop's case, malformed selections, stale versions.
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

class StaffBulk : public StaffDesk {
 protected:
  std::string selection(const std::string &number) {
    return number + ":" + std::to_string(engine_.get_case(number).subject.version);
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffBulk, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffBulk, AssignsManyCasesAndSaysWhichWereNotChangedAndWhy) {
  const std::string a = open_case("default", "1001", "jan@example.pl");
  const std::string b = open_case("default", "1002", "anna@example.com");
  const std::string c = open_case("default", "1002", "anna@example.com", "x", "2");
  const std::string theirs = open_case("other", "2001", "olga@example.ru");
  Desk desk = signed_in();
  const Response queue = desk.get("/staff/");
  ASSERT_EQ(queue.status, 200);
  // The queue offers each row's checkbox with the version it shows, and the bulk form.
  EXPECT_NE(queue.body.find(R"(name="case" value=")" + a + ":1\""), std::string::npos);
  EXPECT_NE(queue.body.find(R"(action="/staff/bulk")"), std::string::npos);
  const std::string stale_c = selection(c);
  // A colleague changes c after the queue was loaded.
  ActionRequest review;
  review.action = Action::review;
  review.actor = {Role::agent, "piotr"};
  engine_.act(c, review, "");

  const Response done = desk.post("/staff/bulk", {{"action", "assign"},
                                                  {"assignee", "anna"},
                                                  {"case", selection(a)},
                                                  {"case", selection(b)},
                                                  {"case", stale_c},
                                                  {"case", selection(theirs)},
                                                  {"case", "RC-2099-999999:1"},
                                                  {"return_to", "/staff/?state=open&lang=en"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Assign: changed <strong>2</strong>, not changed <strong>3</strong>"),
            std::string::npos)
      << done.body;
  EXPECT_NE(done.body.find("A colleague changed this case after you loaded the queue"),
            std::string::npos);
  EXPECT_NE(done.body.find("There is no such case in your shops."), std::string::npos);
  EXPECT_NE(done.body.find(R"(href="/staff/?state=open&amp;lang=en")"), std::string::npos);
  EXPECT_EQ(engine_.get_case(a).subject.assignee, "anna");
  EXPECT_EQ(engine_.get_case(b).subject.assignee, "anna");
  EXPECT_EQ(engine_.get_case(c).subject.assignee, "");  // nothing overwritten
  EXPECT_EQ(engine_.get_case(theirs).subject.assignee, "");
  const CaseRecord record = engine_.get_case(a);
  EXPECT_EQ(record.history.back().action, "assign");
  EXPECT_EQ(record.history.back().actor.id, "anna");
  EXPECT_EQ(record.history.back().actor.role, Role::agent);

  // All of them stale: 409, and the page still lists each.
  const Response stale = desk.post(
      "/staff/bulk",
      {{"action", "set_priority"}, {"priority", "high"}, {"case", a + ":1"}, {"case", b + ":1"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(engine_.get_case(a).subject.priority, "normal");
}

TEST_P(StaffBulk, SetsPriorityTagsAndClosesWhereTheStateAllows) {
  const std::string a = open_case("default", "1001", "jan@example.pl");
  const std::string b = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in("supervisor");
  ASSERT_EQ(desk.get("/staff/?lang=pl").status, 200);
  EXPECT_EQ(desk.post("/staff/bulk", {{"action", "set_priority"},
                                      {"priority", "urgent"},
                                      {"case", selection(a)},
                                      {"case", selection(b)}})
                .status,
            200);
  EXPECT_EQ(engine_.get_case(a).subject.priority, "urgent");
  EXPECT_EQ(engine_.get_case(b).subject.priority, "urgent");
  EXPECT_EQ(desk.post("/staff/bulk",
                      {{"action", "tag"}, {"add", "vip, courier ,"}, {"case", selection(a)}})
                .status,
            200);
  EXPECT_EQ(engine_.get_case(a).subject.tags, (std::vector<std::string>{"vip", "courier"}));
  EXPECT_EQ(desk.get("/staff/?tag=vip").body.find(b), std::string::npos);

  ActionRequest reject;
  reject.action = Action::reject;
  reject.actor = {Role::supervisor, "boss"};
  reject.reason = "worn by use";
  engine_.act(a, reject, "");
  const Response closed = desk.post(
      "/staff/bulk", {{"action", "close"}, {"case", selection(a)}, {"case", selection(b)}});
  EXPECT_EQ(closed.status, 200) << closed.body;
  EXPECT_NE(closed.body.find("not possible at the case&#39;s current stage"), std::string::npos)
      << closed.body;
  EXPECT_EQ(engine_.get_case(a).subject.state, State::closed);
  EXPECT_EQ(engine_.get_case(b).subject.state, State::received);
  // In Polish too.
  const Response pl =
      desk.post("/staff/bulk", {{"action", "close"}, {"case", selection(b)}, {"lang", "pl"}});
  EXPECT_EQ(pl.status, 409);
  EXPECT_NE(pl.body.find("niezmienione <strong>1</strong>"), std::string::npos) << pl.body;
}

TEST_P(StaffBulk, RefusesForgedTokensMalformedInputAndOtherMethods) {
  const std::string a = open_case("default", "1001", "jan@example.pl");
  Desk desk = signed_in();
  ASSERT_EQ(desk.get("/staff/").status, 200);
  const Fields assign{{"action", "assign"}, {"assignee", "anna"}, {"case", selection(a)}};
  EXPECT_EQ(desk.post("/staff/bulk", assign, false).status, 403);
  Fields forged = assign;
  forged.emplace_back("csrf", desk.csrf() + "x");
  EXPECT_EQ(desk.post("/staff/bulk", forged, false).status, 403);
  EXPECT_EQ(engine_.get_case(a).subject.assignee, "");

  EXPECT_EQ(desk.post("/staff/bulk", {{"action", "assign"}, {"assignee", "anna"}}).status, 422);
  EXPECT_EQ(desk.post("/staff/bulk", {{"action", "cancel"}, {"case", selection(a)}}).status, 422);
  EXPECT_EQ(desk.post("/staff/bulk", {{"action", "accept"}, {"case", selection(a)}}).status, 422);
  EXPECT_EQ(desk.post("/staff/bulk", {{"case", selection(a)}}).status, 422);
  for (const char *bad : {"", ":1", "x", "RC-1:", "RC-1:abc", "RC-1:0", "RC-1:-3", "RC-1:1x"}) {
    EXPECT_EQ(desk.post("/staff/bulk", {{"action", "assign"}, {"case", bad}}).status, 422) << bad;
  }
  EXPECT_EQ(
      desk.post("/staff/bulk", {{"action", "tag"}, {"add", " , "}, {"case", selection(a)}}).status,
      422);
  EXPECT_EQ(desk.post("/staff/bulk",
                      {{"action", "set_priority"}, {"priority", "top"}, {"case", selection(a)}})
                .status,
            422);
  Fields many{{"action", "assign"}, {"assignee", "anna"}};
  for (int i = 0; i < 201; ++i) many.emplace_back("case", selection(a));
  const Response too_many = desk.post("/staff/bulk", many);
  EXPECT_EQ(too_many.status, 422);
  EXPECT_NE(too_many.body.find("at most 200"), std::string::npos);
  // A return address that leaves the desk is not followed.
  const Response away = desk.post("/staff/bulk", {{"action", "assign"},
                                                  {"assignee", "anna"},
                                                  {"case", selection(a)},
                                                  {"return_to", "//evil.example/"}});
  EXPECT_EQ(away.status, 200);
  EXPECT_EQ(away.body.find("evil.example"), std::string::npos);
  EXPECT_EQ(engine_.get_case(a).subject.assignee, "anna");

  EXPECT_EQ(desk.get("/staff/bulk").status, 405);
  Desk nobody(*app_);
  EXPECT_EQ(nobody.post("/staff/bulk", assign, false).status, 401);
  // Markup in a field is shown as text.
  const Response marked =
      desk.post("/staff/bulk",
                {{"action", "assign"}, {"assignee", "anna"}, {"case", "<script>x</script>:1"}});
  EXPECT_EQ(marked.body.find("<script>x"), std::string::npos);
}

}  // namespace
}  // namespace reclaim::http::testing
