// The staff desk through the router, on each backend: one-time links, sessions and their
// timeouts, sign-out, CSRF, roles and decision limits, shops, stale versions, escaping, and the
// staff JSON API.
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

INSTANTIATE_TEST_SUITE_P(Backends, StaffDesk, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffDesk, ALinkSignsInOnceAndRedirectsToNext) {
  const std::string number = open_case("default", "1001", "jan@example.pl");
  const std::string path = link("agent", "/staff/cases/" + number);
  EXPECT_TRUE(path.starts_with("/staff/enter?t=")) << path;
  Desk desk(*app_);
  // A link checker's HEAD or POST does not spend it.
  EXPECT_EQ(desk.send("HEAD", path).status, 405);
  EXPECT_EQ(desk.send("POST", path).status, 405);
  EXPECT_TRUE(desk.session().empty());
  const Response entered = desk.get(path);
  ASSERT_EQ(entered.status, 303) << entered.body;
  EXPECT_EQ(entered.header("Location"), "/staff/cases/" + number);
  EXPECT_EQ(entered.header("Cache-Control"), "no-store");
  const std::string &cookie = desk.last_cookie();
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/staff/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;
  const Response page = desk.get("/staff/cases/" + number);
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Cache-Control"), "no-store");
  EXPECT_NE(page.body.find(number), std::string::npos);

  // The same link again, from anywhere: refused with a page that says why, in each language.
  Desk thief(*app_);
  const Response again = thief.get(path + "&lang=pl");
  EXPECT_EQ(again.status, 403);
  EXPECT_NE(again.body.find("został już użyty albo wygasł"), std::string::npos) << again.body;
  EXPECT_TRUE(thief.session().empty());
  EXPECT_NE(thief.get(path + "&lang=ru").body.find("уже использована"), std::string::npos);
  EXPECT_NE(thief.get(path + "&lang=en").body.find("already been used"), std::string::npos);
  // A made-up or damaged one too.
  EXPECT_EQ(thief.get("/staff/enter?t=" + std::string(43, 'A')).status, 403);
  EXPECT_EQ(thief.get("/staff/enter").status, 403);
}

TEST_P(StaffDesk, AnExpiredLinkIsRefused) {
  const std::string path = link("agent", "/staff/", 60);
  advance(61'000);
  Desk desk(*app_);
  const Response late = desk.get(path);
  EXPECT_EQ(late.status, 403);
  EXPECT_TRUE(desk.session().empty());
}

TEST_P(StaffDesk, WithoutASessionPagesAnswer401AndTheApiToo) {
  Desk desk(*app_);
  EXPECT_EQ(desk.get("/staff/").status, 401);
  EXPECT_EQ(desk.get("/staff/cases/RC-2026-000001").status, 401);
  const Response api = desk.get("/staff/api/v1/session");
  EXPECT_EQ(api.status, 401);
  EXPECT_EQ(json::parse(api.body).at("error").at("code"), "unauthorized");
  EXPECT_EQ(api.header("Cache-Control"), "no-store");
  desk.session() = std::string(43, 'x');  // a forged cookie
  EXPECT_EQ(desk.get("/staff/").status, 401);
}

TEST_P(StaffDesk, SessionsEndAfterIdleTimeAndAfterTwelveHours) {
  Desk desk = signed_in();
  advance(29 * kMinute);
  EXPECT_EQ(desk.get("/staff/").status, 200);
  advance(29 * kMinute);  // 58 minutes in, but used 29 minutes ago
  EXPECT_EQ(desk.get("/staff/").status, 200);
  advance(31 * kMinute);
  EXPECT_EQ(desk.get("/staff/").status, 401);

  Desk busy = signed_in();
  for (int i = 0; i < 12 * 3 - 1; ++i) {  // a request every 20 minutes for 11 h 40 min
    advance(20 * kMinute);
    ASSERT_EQ(busy.get("/staff/api/v1/session").status, 200) << i;
  }
  advance(20 * kMinute);  // 12 h after sign-in
  EXPECT_EQ(busy.get("/staff/api/v1/session").status, 401);
}

TEST_P(StaffDesk, SignOutNeedsTheFormTokenAndEndsTheSessionEverywhere) {
  Desk desk = signed_in();
  ASSERT_EQ(desk.get("/staff/").status, 200);
  // Another node (another App on the same database) and another tab share the session.
  App other_node(engine_, Options{});
  Desk tab(other_node);
  tab.session() = desk.session();
  EXPECT_EQ(tab.get("/staff/").status, 200);

  EXPECT_EQ(desk.post("/staff/logout", {}, false).status, 403);
  EXPECT_EQ(desk.post("/staff/logout", {{"csrf", "forged"}}, false).status, 403);
  EXPECT_EQ(tab.get("/staff/").status, 200);

  const Response out = desk.post("/staff/logout", {});
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_NE(desk.last_cookie().find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(tab.get("/staff/").status, 401);
  EXPECT_EQ(tab.get("/staff/api/v1/session").status, 401);
  EXPECT_EQ(desk.get("/staff/logout").status, 405);
}

TEST_P(StaffDesk, FormsAndApiCallsWithoutTheSessionsTokenAreRefused) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  ASSERT_EQ(desk.get("/staff/cases/" + number).status, 200);
  const std::string good = desk.csrf();
  ASSERT_FALSE(good.empty());
  const Fields review{{"action", "review"}, {"expected_version", "1"}};
  EXPECT_EQ(desk.post("/staff/cases/" + number + "/actions", review, false).status, 403);
  Fields forged = review;
  forged.emplace_back("csrf", good + "x");
  EXPECT_EQ(desk.post("/staff/cases/" + number + "/actions", forged, false).status, 403);
  // The customer pages' token is not the staff session's.
  Browser customer(*app_);
  customer.prime();
  Fields theirs = review;
  theirs.emplace_back("csrf", customer.csrf());
  EXPECT_EQ(desk.post("/staff/cases/" + number + "/actions", theirs, false).status, 403);

  const std::string action = R"({"action":"review","expected_version":1})";
  EXPECT_EQ(desk.api_post("/staff/api/v1/cases/" + number + "/actions", action, std::nullopt).status, 403);
  EXPECT_EQ(desk.api_post("/staff/api/v1/cases/" + number + "/actions", action, "nope").status, 403);
  EXPECT_EQ(engine_.get_case(number).subject.state, State::received);

  desk.csrf() = good;
  EXPECT_EQ(desk.post("/staff/cases/" + number + "/actions", review).status, 303);
  const CaseRecord after = engine_.get_case(number);
  EXPECT_EQ(after.subject.state, State::in_review);
  EXPECT_EQ(after.history.back().actor.role, Role::agent);
  EXPECT_EQ(after.history.back().actor.id, "anna");
}

TEST_P(StaffDesk, DecisionsAboveTheRolesLimitAre403AndSupervisorsMayTakeThem) {
  engine_.set_policy("default", codec::policy_from_json(
                                    json::parse(R"({"decision_limits":{"agent":{"PLN":"100.00"}}})"),
                                    Jurisdiction::none));
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk agent = signed_in("agent");
  ASSERT_EQ(agent.get("/staff/cases/" + number).status, 200);
  const Response page = agent.post("/staff/cases/" + number + "/actions",
                                   {{"action", "accept"}, {"expected_version", "1"},
                                    {"resolution", "refund"}});
  EXPECT_EQ(page.status, 403) << page.body;
  EXPECT_NE(page.body.find("above your limit"), std::string::npos);
  const Response api = agent.api_post(
      "/staff/api/v1/cases/" + number + "/actions",
      R"({"action":"accept","expected_version":1,"resolution":{"type":"refund"}})", agent.csrf());
  EXPECT_EQ(api.status, 403) << api.body;
  EXPECT_EQ(json::parse(api.body).at("error").at("rule"), "decision_limit_exceeded");
  // A customer's action is not the agent's to take either.
  const Response reply = agent.api_post("/staff/api/v1/cases/" + number + "/actions",
                                        R"({"action":"rate","score":5})", agent.csrf());
  EXPECT_EQ(reply.status, 403) << reply.body;
  EXPECT_EQ(engine_.get_case(number).subject.state, State::received);

  Desk supervisor = signed_in("supervisor");
  ASSERT_EQ(supervisor.get("/staff/cases/" + number).status, 200);
  EXPECT_EQ(supervisor.post("/staff/cases/" + number + "/actions",
                            {{"action", "accept"}, {"expected_version", "1"}, {"resolution", "refund"},
                             {"explanation", "The model is no longer made."}})
                .status,
            303);
  const auto decided = engine_.get_case(number);
  EXPECT_EQ(decided.subject.state, State::accepted);
  EXPECT_EQ(decided.subject.decided_by.id, "anna");
  // The explanation the form took reaches the customer: in the history they see.
  EXPECT_EQ(decided.history.back().data.at("explanation").as_string(), "The model is no longer made.");
}

TEST_P(StaffDesk, AnotherShopsCaseIsNotFound) {
  const std::string theirs = open_case("other", "2001", "olga@example.ru");
  const std::string id = engine_.get_case(theirs).subject.id;
  Desk desk = signed_in();
  ASSERT_EQ(desk.get("/staff/").status, 200);  // for the form token
  EXPECT_EQ(desk.get("/staff/cases/" + theirs).status, 404);
  EXPECT_EQ(desk.get("/staff/cases/" + id).status, 404);
  EXPECT_EQ(desk.get("/staff/api/v1/cases/" + theirs).status, 404);
  EXPECT_EQ(desk.get("/staff/api/v1/cases/" + id).status, 404);
  EXPECT_EQ(desk.post("/staff/cases/" + id + "/actions", {{"action", "review"}}).status, 404);
  EXPECT_EQ(desk.api_post("/staff/api/v1/cases/" + id + "/actions", R"({"action":"review"})",
                          desk.csrf()).status,
            404);
  EXPECT_EQ(desk.get("/staff/?shop=other").status, 404);
  EXPECT_EQ(desk.get("/staff/api/v1/cases?shop=other").status, 404);
  EXPECT_EQ(engine_.get_case(theirs).subject.state, State::received);
  // Staff of both shops see it.
  Desk both = signed_in("agent", R"(["default","other"])");
  EXPECT_EQ(both.get("/staff/cases/" + theirs).status, 200);
  const Response queue = both.get("/staff/?shop=other");
  EXPECT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find(theirs), std::string::npos);
}

TEST_P(StaffDesk, AStaleVersionShowsWhatChangedAndOverwritesNothing) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  const Response loaded = desk.get("/staff/cases/" + number);
  ASSERT_NE(loaded.body.find(R"(name="expected_version" value="1")"), std::string::npos);
  // Meanwhile a colleague starts the review and asks the customer something.
  ActionRequest review;
  review.action = Action::review;
  review.actor = {Role::agent, "piotr"};
  engine_.act(number, review, "");
  const Response conflict = desk.post("/staff/cases/" + number + "/actions",
                                      {{"action", "reject"}, {"expected_version", "1"},
                                       {"reason", "worn by use"}});
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_NE(conflict.body.find("Someone else changed this case"), std::string::npos);
  EXPECT_NE(conflict.body.find("Review started"), std::string::npos);
  EXPECT_NE(conflict.body.find("agent: piotr"), std::string::npos);
  EXPECT_EQ(engine_.get_case(number).subject.state, State::in_review);
  const Response api = desk.api_post("/staff/api/v1/cases/" + number + "/actions",
                                     R"({"action":"reject","expected_version":1,"reason":"x"})",
                                     desk.csrf());
  EXPECT_EQ(api.status, 409);
  EXPECT_EQ(json::parse(api.body).at("error").at("field"), "expected_version");
  // A state that does not allow the action is 409 as well.
  const Response state = desk.api_post("/staff/api/v1/cases/" + number + "/actions",
                                       R"({"action":"fulfil"})", desk.csrf());
  EXPECT_EQ(state.status, 409);
  EXPECT_EQ(json::parse(state.body).at("error").at("rule"), "state_not_allowed");
}

TEST_P(StaffDesk, CustomerTextIsEscapedOnStaffPages) {
  const std::string number = open_case("default", "1001", "jan@example.pl",
                                       "<img src=x onerror=alert(2)> & \"quoted\"");
  ActionRequest note;
  note.action = Action::comment;
  note.actor = {Role::agent, "<b>piotr</b>"};
  note.message = "</textarea><script>alert(3)</script>";
  engine_.act(number, note, "");
  Desk desk = signed_in();
  for (const std::string &target : {"/staff/cases/" + number, std::string("/staff/")}) {
    const Response page = desk.get(target);
    ASSERT_EQ(page.status, 200) << target;
    EXPECT_EQ(page.body.find("<script>"), std::string::npos) << target;
    EXPECT_EQ(page.body.find("<img"), std::string::npos) << target;
    EXPECT_EQ(page.body.find("<b>piotr"), std::string::npos) << target;
    EXPECT_NE(page.body.find("&lt;script&gt;alert(1)"), std::string::npos) << target;
    EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  }
  const Response page = desk.get("/staff/cases/" + number);
  EXPECT_NE(page.body.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  // The internal note stands apart from what the customer saw.
  EXPECT_NE(page.body.find(R"(<li class="internal">)"), std::string::npos);
}

TEST_P(StaffDesk, TheQueueShowsTheStaffsShopNearestDeadlineFirstWithFiltersAndSearch) {
  const std::string first = open_case("default", "1001", "jan@example.pl");
  advance(kMsPerDay);
  const std::string second = open_case("default", "1002", "anna@example.com");
  const std::string theirs = open_case("other", "2001", "olga@example.ru");
  Desk desk = signed_in();
  const Response queue = desk.get("/staff/");
  ASSERT_EQ(queue.status, 200) << queue.body;
  const auto a = queue.body.find(first), b = queue.body.find(second);
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);  // the older case is due first
  EXPECT_EQ(queue.body.find(theirs), std::string::npos);
  EXPECT_NE(queue.body.find("New: <strong>2</strong>"), std::string::npos) << queue.body;

  const Response by_email = desk.get("/staff/?q=anna%40example.com");
  EXPECT_EQ(by_email.body.find(first), std::string::npos);
  EXPECT_NE(by_email.body.find(second), std::string::npos);
  const Response by_number = desk.get("/staff/?q=" + first);
  EXPECT_EQ(by_number.status, 303);
  EXPECT_TRUE(by_number.header("Location").starts_with("/staff/cases/" + first));
  EXPECT_EQ(desk.get("/staff/?q=" + theirs).status, 200);  // not theirs to find
  const Response closed = desk.get("/staff/?state=closed");
  EXPECT_EQ(closed.body.find(first), std::string::npos);
  EXPECT_EQ(desk.get("/staff/?state=nonsense").status, 200);  // says the filter is wrong

  // Overdue after the 14 days of the decision date.
  advance(20 * kMsPerDay);
  EXPECT_EQ(desk.get("/staff/").status, 401);  // idle for longer than 30 minutes
  Desk later = signed_in();
  const Response overdue = later.get("/staff/?overdue=1");
  EXPECT_NE(overdue.body.find(R"(class="overdue")"), std::string::npos);

  // The JSON queue pages by a cursor.
  const Response page1 = later.get("/staff/api/v1/cases?limit=1");
  ASSERT_EQ(page1.status, 200) << page1.body;
  const json::value one = json::parse(page1.body);
  ASSERT_EQ(one.at("cases").as_array().size(), 1u);
  EXPECT_EQ(json::value_to<std::string>(one.at("cases").at(0).at("number")), first);
  const std::string cursor(one.at("next_cursor").as_string());
  const json::value two =
      json::parse(later.get("/staff/api/v1/cases?limit=1&after=" + url_encode(cursor)).body);
  EXPECT_EQ(json::value_to<std::string>(two.at("cases").at(0).at("number")), second);
  EXPECT_EQ(later.get("/staff/api/v1/cases?state=bogus").status, 422);
  EXPECT_EQ(later.get("/staff/api/v1/cases?limit=0").status, 422);
}

TEST_P(StaffDesk, TheApiGivesTheSessionTheCaseAndTakesActions) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  const Response session = desk.get("/staff/api/v1/session");
  ASSERT_EQ(session.status, 200);
  EXPECT_EQ(session.header("Cache-Control"), "no-store");
  const json::value s = json::parse(session.body);
  EXPECT_EQ(s.at("staff").at("id"), "anna");
  EXPECT_EQ(s.at("staff").at("role"), "agent");
  const std::string csrf(s.at("csrf").as_string());

  const json::value got = json::parse(desk.get("/staff/api/v1/cases/" + number).body);
  EXPECT_EQ(json::value_to<std::string>(got.at("number")), number);
  EXPECT_EQ(got.at("version").as_int64(), 1);
  EXPECT_TRUE(got.at("history").is_array());

  const std::string target = "/staff/api/v1/cases/" + number + "/actions";
  const Response with_actor = desk.api_post(
      target, R"({"action":"review","actor":{"role":"supervisor","id":"boss"}})", csrf);
  EXPECT_EQ(with_actor.status, 422);
  EXPECT_EQ(json::parse(with_actor.body).at("error").at("field"), "actor");
  EXPECT_EQ(desk.api_post(target, R"({"action":"review","bogus":1})", csrf).status, 422);
  EXPECT_EQ(desk.api_post(target, "not json", csrf).status, 422);
  EXPECT_EQ(desk.send("GET", target).status, 405);

  const Response done = desk.api_post(target, R"({"action":"review","expected_version":1})", csrf);
  ASSERT_EQ(done.status, 200) << done.body;
  const json::value after = json::parse(done.body);
  EXPECT_EQ(after.at("state"), "in_review");
  EXPECT_EQ(after.at("history").as_array().back().at("actor").at("id"), "anna");
  EXPECT_EQ(desk.get("/staff/api/v1/cases/RC-2099-999999").status, 404);
  EXPECT_EQ(desk.get("/staff/api/v1/nothing").status, 404);
}

TEST_P(StaffDesk, TheCasePageOffersTheActionsOfTheRoleInTheCasesState) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  const Response page = desk.get("/staff/cases/" + number + "?lang=pl");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(R"(name="action" value="review")"), std::string::npos);
  EXPECT_NE(page.body.find(R"(name="action" value="accept")"), std::string::npos);
  EXPECT_NE(page.body.find(R"(name="action" value="cancel")"), std::string::npos);
  EXPECT_EQ(page.body.find(R"(name="action" value="fulfil")"), std::string::npos);
  EXPECT_EQ(page.body.find(R"(name="action" value="reply")"), std::string::npos);
  EXPECT_NE(page.body.find("Rozpocznij rozpatrywanie"), std::string::npos);
  // A supervisor may not cancel (the table gives it to customers and agents).
  Desk supervisor = signed_in("supervisor");
  const Response theirs = supervisor.get("/staff/cases/" + number);
  EXPECT_EQ(theirs.body.find(R"(name="action" value="cancel")"), std::string::npos);
  // The staff member's language is the default; ?lang= wins.
  EXPECT_NE(desk.get("/staff/").body.find("Case queue"), std::string::npos);
  EXPECT_NE(desk.get("/staff/?lang=ru").body.find("Очередь обращений"), std::string::npos);
  // Invalid input: the case page again, saying so.
  const Response invalid = desk.post("/staff/cases/" + number + "/actions",
                                     {{"action", "request_info"}, {"expected_version", "1"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("missing or not valid"), std::string::npos);
}

TEST_P(StaffDesk, GoodsAreReceivedWithTheirConditionAndWhatBecomesOfThem) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  const std::string target = "/staff/cases/" + number + "/actions";
  ASSERT_EQ(desk.get("/staff/cases/" + number).status, 200);  // the form's token
  ASSERT_EQ(desk.post(target, {{"action", "authorize_return"},
                               {"expected_version", "1"},
                               {"instructions", "Send it back"}})
                .status,
            303);
  // The receipt's form asks for both, the disposition optional; in each language.
  const Response en = desk.get("/staff/cases/" + number + "?lang=en");
  EXPECT_NE(en.body.find(R"(name="disposition")"), std::string::npos);
  EXPECT_NE(en.body.find(R"(<option value="">Not decided yet</option>)"), std::string::npos);
  EXPECT_NE(en.body.find(R"(<option value="return_to_supplier">Return to the supplier</option>)"),
            std::string::npos);
  EXPECT_NE(desk.get("/staff/cases/" + number + "?lang=pl").body.find("Zwrot do dostawcy"),
            std::string::npos);
  EXPECT_NE(desk.get("/staff/cases/" + number + "?lang=ru").body.find("Возврат поставщику"),
            std::string::npos);
  // A word outside the list changes nothing.
  EXPECT_EQ(desk.post(target, {{"action", "receive_goods"},
                               {"expected_version", "2"},
                               {"condition", "damaged"},
                               {"disposition", "burn"}})
                .status,
            422);
  EXPECT_EQ(engine_.get_case(number).subject.state, State::waiting_for_goods);
  ASSERT_EQ(desk.post(target, {{"action", "receive_goods"},
                               {"expected_version", "2"},
                               {"condition", "damaged"},
                               {"disposition", "return_to_supplier"}})
                .status,
            303);
  const Case received = engine_.get_case(number).subject;
  EXPECT_EQ(received.state, State::goods_received);
  EXPECT_EQ(received.items[0].disposed,
            (std::map<std::string, std::int64_t>{{"return_to_supplier", 2}}));
  const Response page = desk.get("/staff/cases/" + number + "?lang=en");
  EXPECT_NE(page.body.find("Received back: 2 · Damaged · Return to the supplier: 2"),
            std::string::npos);
  // The host's stock hears of it: the event names the SKU, the quantity and the disposition.
  EventQuery query;
  query.limit = 1000;
  bool told = false;
  for (const auto &event : engine_.read_events(query).events) {
    const auto *items = event.data.if_contains("items");
    if (event.case_number != number || !items || event.type != "case.state_changed") continue;
    for (const auto &item : items->as_array()) {
      told |= item.as_object().contains("disposition") &&
              item.at("disposition") == "return_to_supplier" && item.at("qty") == 2 &&
              item.as_object().contains("sku");
    }
  }
  EXPECT_TRUE(told);
}

TEST_P(StaffDesk, AnExchangeIsDecidedFromTheAcceptFormWithItsDifference) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in("supervisor");
  const std::string target = "/staff/cases/" + number + "/actions";
  const Response form = desk.get("/staff/cases/" + number + "?lang=en");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Goods given in exchange"), std::string::npos);
  EXPECT_NE(form.body.find(R"(name="exchange_price")"), std::string::npos);
  EXPECT_NE(desk.get("/staff/cases/" + number + "?lang=pl").body.find("Towar wydawany w zamian"),
            std::string::npos);
  // A quantity that is not a number, or goods in no currency the case knows, change nothing.
  const std::vector<std::pair<std::string, std::string>> exchange = {
      {"action", "accept"},          {"expected_version", "1"},
      {"resolution", "exchange"},    {"exchange_sku", "KET-2"},
      {"exchange_name", "Czajnik <b>szklany</b>"}, {"exchange_price", "150.00"},
      {"currency", "PLN"}};
  auto with = [&](const std::string &key, const std::string &value) {
    auto fields = exchange;
    fields.emplace_back(key, value);
    return fields;
  };
  EXPECT_EQ(desk.post(target, with("exchange_qty", "two")).status, 422);
  auto in_euro = exchange;
  in_euro.back().second = "EUR";
  EXPECT_EQ(desk.post(target, in_euro).status, 422);
  EXPECT_EQ(engine_.get_case(number).subject.state, State::received);
  // As many as returned by default: 2 × 150.00 given for 2 × 199.99, 99.98 back.
  ASSERT_EQ(desk.post(target, exchange).status, 303);
  const Case decided = engine_.get_case(number).subject;
  ASSERT_EQ(decided.state, State::accepted);
  const auto &resolution = *decided.items[0].decision.resolution;
  ASSERT_TRUE(resolution.exchange && resolution.difference);
  EXPECT_EQ(resolution.exchange->qty, 2);
  EXPECT_EQ(resolution.difference->amount.to_string(2), "-99.98");
  const Response page = desk.get("/staff/cases/" + number + "?lang=en");
  EXPECT_NE(page.body.find("in exchange: Czajnik &lt;b&gt;szklany&lt;/b&gt; × 2"), std::string::npos);
  EXPECT_NE(page.body.find("price difference we refund to you"), std::string::npos);
  EXPECT_NE(page.body.find("99.98"), std::string::npos);
  EXPECT_EQ(page.body.find("<b>szklany</b>"), std::string::npos);
}

TEST_P(StaffDesk, TheShopClaimsFromItsSupplierAndRecordsTheAnswer) {
  Order order = demo_order("1077", "anna@example.com");
  order.lines[0].supplier = "Elektro";
  engine_.import_order("default", order);
  const std::string number = open_case("default", "1077", "anna@example.com");
  Desk desk = signed_in("agent");
  const std::string page_url = "/staff/cases/" + number + "?lang=en";
  const std::string target = "/staff/cases/" + number + "/actions";
  Response page = desk.get(page_url);
  ASSERT_EQ(page.status, 200);
  // The claim form names the order's supplier; nothing to answer yet.
  EXPECT_NE(page.body.find("Claim against the supplier"), std::string::npos);
  EXPECT_NE(page.body.find(R"(name="supplier" value="Elektro")"), std::string::npos);
  EXPECT_EQ(page.body.find(R"(value="supplier_answer")"), std::string::npos);
  const auto version = [&] { return std::to_string(engine_.get_case(number).subject.version); };
  // An amount that is no amount changes nothing.
  EXPECT_EQ(desk.post(target, {{"action", "claim_supplier"}, {"expected_version", version()},
                               {"supplier", "Elektro"}, {"amount", "lots"}, {"currency", "PLN"}})
                .status,
            422);
  EXPECT_TRUE(engine_.get_case(number).subject.supplier_claims.empty());
  ASSERT_EQ(desk.post(target, {{"action", "claim_supplier"}, {"expected_version", version()},
                               {"supplier", "Elektro <b>AGD</b>"}, {"reference", "RK/1"},
                               {"message", "heating element"}, {"amount", ""}})
                .status,
            303);
  page = desk.get(page_url);
  EXPECT_NE(page.body.find("Claims against suppliers"), std::string::npos);
  EXPECT_NE(page.body.find("Elektro &lt;b&gt;AGD&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find("<b>AGD</b>"), std::string::npos);
  EXPECT_NE(page.body.find("Awaiting the answer"), std::string::npos);
  EXPECT_NE(page.body.find("Kettle × 2"), std::string::npos);
  EXPECT_NE(page.body.find(R"(value="supplier_answer")"), std::string::npos);
  ASSERT_EQ(desk.post(target, {{"action", "supplier_answer"}, {"expected_version", version()},
                               {"claim", "1"}, {"answer", "accepted"}, {"amount", "350.00"},
                               {"currency", "PLN"}, {"reference", "KOR/9"}})
                .status,
            303);
  const Case answered = engine_.get_case(number).subject;
  ASSERT_EQ(answered.supplier_claims.size(), 1u);
  EXPECT_EQ(answered.supplier_claims[0].answer, "accepted");
  EXPECT_EQ(answered.supplier_claims[0].recovered->amount.to_string(2), "350.00");
  page = desk.get(page_url);
  EXPECT_NE(page.body.find("Accepted by the supplier"), std::string::npos);
  EXPECT_NE(page.body.find("350.00"), std::string::npos);
  EXPECT_NE(page.body.find("KOR/9"), std::string::npos);
  // Answered: the form is gone, and answering again by hand is refused.
  EXPECT_EQ(page.body.find(R"(value="supplier_answer")"), std::string::npos);
  EXPECT_EQ(desk.post(target, {{"action", "supplier_answer"}, {"expected_version", version()},
                               {"claim", "1"}, {"answer", "rejected"}})
                .status,
            409);
  EXPECT_NE(desk.get("/staff/cases/" + number + "?lang=pl").body.find("Reklamacje do dostawców"),
            std::string::npos);
  EXPECT_NE(desk.get("/staff/cases/" + number + "?lang=ru").body.find("Претензии к поставщикам"),
            std::string::npos);
}

class StaffDeskPoland : public StaffDesk {
 protected:
  StaffDeskPoland() : StaffDesk("", "PL") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffDeskPoland, ::testing::Values("sqlite"),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffDeskPoland, TheCasePageCitesTheLawInThePagesLanguage) {
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  const auto page = [&](const char *lang) {
    const Response shown = desk.get("/staff/cases/" + number + "?lang=" + lang);
    EXPECT_EQ(shown.status, 200);
    return shown.body;
  };
  const std::string pl = page("pl"), en = page("en"), ru = page("ru");
  // The deadline: PL art. 7a, with deemed acceptance; never the English citation on pl/ru pages.
  EXPECT_NE(pl.find("Ustawa o prawach konsumenta, art. 7a: odpowiedź w ciągu 14 dni"),
            std::string::npos);
  EXPECT_NE(en.find("Polish Consumer Rights Act, art. 7a"), std::string::npos);
  EXPECT_NE(ru.find("Закон Польши о правах потребителей, ст. 7a"), std::string::npos);
  EXPECT_EQ(pl.find("u.p.k."), std::string::npos);
  EXPECT_EQ(ru.find("u.p.k."), std::string::npos);
  // Each item: what it was eligible for when the case was opened, and the rule behind it.
  EXPECT_NE(pl.find("Uprawnienie w chwili zgłoszenia"), std::string::npos);
  EXPECT_NE(pl.find("Ustawowa odpowiedzialność za brak zgodności towaru z umową: 24 mies."),
            std::string::npos);
  EXPECT_NE(ru.find("Право на момент обращения"), std::string::npos);
  EXPECT_NE(en.find("Statutory liability for goods not in conformity with the contract: 24 months"),
            std::string::npos);
}

class StaffDeskHttps : public StaffDesk {
 protected:
  StaffDeskHttps() : StaffDesk("https://shop.example/returns") {}
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffDeskHttps, ::testing::Values("sqlite"),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffDeskHttps, TheSessionCookieIsSecureWhenTheShopIsServedOverHttps) {
  Desk desk(*app_);
  ASSERT_EQ(desk.get(link()).status, 303);
  EXPECT_NE(desk.last_cookie().find("; Secure"), std::string::npos) << desk.last_cookie();
}

}  // namespace
}  // namespace reclaim::http::testing
