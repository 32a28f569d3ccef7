// The staff queue through the router, on each backend: the default view (mine and unassigned),
// every filter and the search, counts for the filters, at-risk and overdue marks from the
// shop's policy, keyset pages that keep the filters, the CSV export with its formula guard, and
// the same filters on the JSON API.
#include "staff_fixture.hpp"
#include "support/documents.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

class StaffQueue : public StaffDesk {
 protected:
  void act(const std::string &number, ActionRequest request) {
    request.actor = {Role::agent, "piotr"};
    engine_.act(number, request, "");
  }
  void assign(const std::string &number, const std::string &to) {
    ActionRequest request;
    request.action = Action::assign;
    request.assignee = to;
    act(number, request);
  }
  // The case numbers of a queue page or an API answer, in order.
  static std::vector<std::string> numbers(const Response &response) {
    std::vector<std::string> out;
    if (response.header("Content-Type").starts_with("application/json")) {
      const json::value parsed = json::parse(response.body);
      for (const auto &c : parsed.at("cases").as_array()) {
        out.emplace_back(c.at("number").as_string());
      }
      return out;
    }
    static const std::regex row(R"re(name="case" value="([^":]+):\d+")re");
    for (std::sregex_iterator it(response.body.begin(), response.body.end(), row), end; it != end;
         ++it) {
      out.push_back((*it)[1]);
    }
    return out;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffQueue, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

using Numbers = std::vector<std::string>;

// Cases due the same day are in the order of their ids (random): compare those as sets.
Numbers sorted(Numbers numbers) {
  std::sort(numbers.begin(), numbers.end());
  return numbers;
}

TEST_P(StaffQueue, ByDefaultMineAndUnassignedNearestDeadlineFirst) {
  const std::string mine = open_case("default", "1001", "jan@example.pl");
  advance(kMsPerDay);
  const std::string free = open_case("default", "1002", "anna@example.com");
  advance(kMsPerDay);
  const std::string theirs = open_case("default", "1002", "anna@example.com", "x", "2");
  assign(mine, "anna");
  assign(theirs, "piotr");
  Desk desk = signed_in();
  EXPECT_EQ(numbers(desk.get("/staff/")), (Numbers{mine, free}));
  EXPECT_EQ(numbers(desk.get("/staff/?assignee=mine")), (Numbers{mine}));
  EXPECT_EQ(numbers(desk.get("/staff/?mine=1")), (Numbers{mine}));  // the older spelling
  EXPECT_EQ(numbers(desk.get("/staff/?assignee=unassigned")), (Numbers{free}));
  EXPECT_EQ(numbers(desk.get("/staff/?assignee=any")), (Numbers{mine, free, theirs}));
  EXPECT_EQ(numbers(desk.get("/staff/?person=piotr")), (Numbers{theirs}));
  // The person's field wins over the select, as the form sends both.
  EXPECT_EQ(numbers(desk.get("/staff/?assignee=mine&person=piotr")), (Numbers{theirs}));
  // The API has the same default, and takes assignee=<id> as before.
  EXPECT_EQ(numbers(desk.get("/staff/api/v1/cases")), (Numbers{mine, free}));
  EXPECT_EQ(numbers(desk.get("/staff/api/v1/cases?assignee=piotr")), (Numbers{theirs}));
  EXPECT_EQ(numbers(desk.get("/staff/api/v1/cases?assignee=any")), (Numbers{mine, free, theirs}));
}

TEST_P(StaffQueue, EachFilterNarrowsTheQueueAndTheCountsFollowIt) {
  const std::string a = open_case("default", "1001", "jan@example.pl", "x", "1", "web", "defect");
  const std::string b =
      open_case("default", "1002", "anna@example.com", "x", "2", "phone", "wrong_item");
  const std::string c =
      open_case("default", "1002", "anna@example.com", "x", "1", "email", "defect");
  ActionRequest priority;
  priority.action = Action::set_priority;
  priority.priority = "urgent";
  act(b, priority);
  ActionRequest tag;
  tag.action = Action::tag;
  tag.tags_add = {"vip", "courier"};
  act(c, tag);
  ActionRequest review;
  review.action = Action::review;
  act(c, review);
  Desk desk = signed_in();
  EXPECT_EQ(numbers(desk.get("/staff/?reason=wrong_item")), (Numbers{b}));
  EXPECT_EQ(sorted(numbers(desk.get("/staff/?reason=defect"))), sorted({a, c}));
  EXPECT_EQ(numbers(desk.get("/staff/?priority=urgent")), (Numbers{b}));
  EXPECT_EQ(sorted(numbers(desk.get("/staff/?priority=normal"))), sorted({a, c}));
  EXPECT_EQ(numbers(desk.get("/staff/?tag=vip")), (Numbers{c}));
  EXPECT_EQ(numbers(desk.get("/staff/?tag=none")), Numbers{});
  EXPECT_EQ(numbers(desk.get("/staff/?channel=phone")), (Numbers{b}));
  EXPECT_EQ(numbers(desk.get("/staff/?kind=return")), Numbers{});
  EXPECT_EQ(numbers(desk.get("/staff/?state=in_review")), (Numbers{c}));
  EXPECT_EQ(sorted(numbers(desk.get("/staff/?state=received,in_review&reason=defect"))),
            sorted({a, c}));
  // Tags removed are no longer found.
  ActionRequest untag;
  untag.action = Action::tag;
  untag.tags_remove = {"vip"};
  act(c, untag);
  EXPECT_EQ(numbers(desk.get("/staff/?tag=vip")), Numbers{});
  EXPECT_EQ(numbers(desk.get("/staff/?tag=courier")), (Numbers{c}));

  // Counts by stage for the current filters, whatever the stage chosen.
  const Response defects = desk.get("/staff/?reason=defect&state=received");
  EXPECT_NE(defects.body.find("New: <strong>1</strong>"), std::string::npos) << defects.body;
  EXPECT_NE(defects.body.find("In review: <strong>1</strong>"), std::string::npos);
  EXPECT_NE(defects.body.find("All stages: <strong>2</strong>"), std::string::npos);
  // Their links keep the other filters.
  EXPECT_NE(defects.body.find("/staff/?shop=default&amp;state=in_review&amp;assignee="
                              "mine_or_unassigned&amp;reason=defect"),
            std::string::npos);
  const json::value api = json::parse(desk.get("/staff/api/v1/cases?reason=defect").body);
  EXPECT_EQ(api.at("counts").at("received").as_int64(), 1);
  EXPECT_EQ(api.at("counts").at("in_review").as_int64(), 1);
  EXPECT_TRUE(api.at("counts_more").as_array().empty());  // no state past 1000
  EXPECT_EQ(numbers(desk.get("/staff/api/v1/cases?channel=phone&priority=urgent")), (Numbers{b}));
}

TEST_P(StaffQueue, SearchFindsByOrderNumberEmailAndSkuWithBoundParameters) {
  const std::string a = open_case("default", "1001", "jan@example.pl");
  const std::string b = open_case("default", "1002", "anna@example.com", "x", "2");
  const std::string theirs = open_case("other", "2001", "olga@example.ru");
  Desk desk = signed_in();
  EXPECT_EQ(numbers(desk.get("/staff/?q=N1002")), (Numbers{b}));  // the order's number
  EXPECT_EQ(numbers(desk.get("/staff/?q=1001")), (Numbers{a}));   // its id
  EXPECT_EQ(numbers(desk.get("/staff/?q=Anna%40Example.com")), (Numbers{b}));
  EXPECT_EQ(numbers(desk.get("/staff/?q=MUG-4")), (Numbers{b}));
  EXPECT_EQ(numbers(desk.get("/staff/?q=KET-1")), (Numbers{a}));
  EXPECT_EQ(numbers(desk.get("/staff/?q=%20MUG-4%20")), (Numbers{b}));
  EXPECT_EQ(numbers(desk.get("/staff/?q=N2001")), Numbers{});  // another shop's order
  EXPECT_EQ(numbers(desk.get("/staff/?q=olga%40example.ru")), Numbers{});
  EXPECT_EQ(desk.get("/staff/?q=" + theirs).status, 200);
  // Hostile text is only ever a value.
  for (const char *hostile :
       {"'%20OR%201%3D1%20--", "%25", "_", "x'%3B%20DROP%20TABLE%20cases%3B--", "%3Cscript%3E"}) {
    const Response found = desk.get(std::string("/staff/?q=") + hostile);
    EXPECT_EQ(found.status, 200) << hostile;
    EXPECT_EQ(numbers(found), Numbers{}) << hostile;
    EXPECT_EQ(found.body.find("<script>"), std::string::npos);
  }
  EXPECT_EQ(numbers(desk.get("/staff/?assignee=any")).size(), 2u);
  EXPECT_EQ(numbers(desk.get("/staff/api/v1/cases?q=MUG-4")), (Numbers{b}));
}

TEST_P(StaffQueue, AtRiskFollowsThePolicysFirstWarningAndOverdueIsMarked) {
  // The policy warns 48 h before a deadline: a case is at risk from then on.
  engine_.set_policy(
      "default",
      codec::policy_from_json(json::parse(R"({"warn_before_hours":[48,6]})"), Jurisdiction::none));
  const std::string early = open_case("default", "1001", "jan@example.pl");
  advance(3 * kMsPerDay);
  const std::string late = open_case("default", "1002", "anna@example.com");
  const UnixMs due = *engine_.get_case(early).subject.deadlines.decision_due;
  engine_.set_clock(due - 47 * kMsPerHour);
  Desk desk = signed_in();
  EXPECT_EQ(numbers(desk.get("/staff/?at_risk=1")), (Numbers{early}));
  const Response marked = desk.get("/staff/");
  EXPECT_NE(marked.body.find(R"(class="at-risk")"), std::string::npos);
  EXPECT_NE(marked.body.find("decision due within 48 h"), std::string::npos);
  EXPECT_EQ(numbers(desk.get("/staff/?overdue=1")), Numbers{});

  engine_.set_clock(due + kMsPerHour);
  Desk later = signed_in();
  EXPECT_EQ(numbers(later.get("/staff/?overdue=1")), (Numbers{early}));
  EXPECT_EQ(numbers(later.get("/staff/?at_risk=1")), Numbers{});
  EXPECT_EQ(numbers(later.get("/staff/?at_risk=1&overdue=1")), (Numbers{early}));
  const Response overdue = later.get("/staff/?lang=pl");
  EXPECT_NE(overdue.body.find(R"(class="overdue")"), std::string::npos);
  EXPECT_EQ(numbers(overdue), (Numbers{early, late}));
}

TEST_P(StaffQueue, AStageOfMoreThanAThousandCasesShowsTheLimitAndSaysWhatItMeans) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the counting itself is tested on both backends";
  for (int i = 0; i < 1001; ++i) open_kettle_complaint(engine_, "default", "desk", "10.00");
  Desk desk = signed_in();
  const Response page = desk.get("/staff/?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("New: <strong>1000+</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("means more than 1000 cases: the desk stops counting there."),
            std::string::npos);
  EXPECT_NE(desk.get("/staff/?lang=pl").body.find("oznacza ponad 1000 zgłoszeń"),
            std::string::npos);
  const json::value api = json::parse(desk.get("/staff/api/v1/cases").body);
  EXPECT_EQ(api.at("counts").at("received"), 1000);
  EXPECT_EQ(json::serialize(api.at("counts_more")), R"(["received"])");
  // A stage under the limit is counted exactly and says nothing more.
  const Response mine = desk.get("/staff/?lang=en&assignee=mine");
  EXPECT_EQ(mine.body.find("1000+"), std::string::npos);
  EXPECT_EQ(mine.body.find("stops counting"), std::string::npos);
}

TEST_P(StaffQueue, PagesKeepTheFiltersAndTheCursor) {
  std::vector<std::string> opened;
  for (int i = 0; i < 53; ++i) {
    const std::string order = std::to_string(3000 + i);
    engine_.import_order("default", demo_order(order, "jan@example.pl"));
    opened.push_back(open_case("default", order, "jan@example.pl", "x", "2"));
    advance(kMinute);
  }
  Desk desk = signed_in();
  const Response first = desk.get("/staff/?q=MUG-4&priority=normal");
  ASSERT_EQ(first.status, 200);
  const Numbers one = numbers(first);
  ASSERT_EQ(one.size(), 50u);
  static const std::regex next(R"re(<a href="([^"]+)">Next page</a>)re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(first.body, match, next)) << first.body;
  std::string href = match[1];
  for (std::size_t at; (at = href.find("&amp;")) != std::string::npos;) href.replace(at, 5, "&");
  EXPECT_NE(href.find("q=MUG-4"), std::string::npos);
  EXPECT_NE(href.find("priority=normal"), std::string::npos);
  const Numbers two = numbers(desk.get(href));
  EXPECT_EQ(two.size(), 3u);
  Numbers both = one;
  both.insert(both.end(), two.begin(), two.end());
  EXPECT_EQ(sorted(both), sorted(opened));  // every case once, none twice
  EXPECT_EQ(desk.get("/staff/api/v1/cases?after=bm90LWEtY3Vyc29y").status, 422);
  EXPECT_NE(desk.get("/staff/?after=%%%").body.find("could not be applied"), std::string::npos);
}

TEST_P(StaffQueue, MalformedFiltersAreNamedAndAnotherShopIsNotFound) {
  open_case("default", "1001", "jan@example.pl");
  Desk desk = signed_in();
  for (const char *bad : {"reason=bogus", "priority=top", "channel=pigeon", "kind=swap",
                          "state=open,nonsense", "at_risk=yes", "overdue=2", "tag=%01"}) {
    const Response page = desk.get(std::string("/staff/?") + bad);
    EXPECT_EQ(page.status, 200) << bad;
    EXPECT_NE(page.body.find("could not be applied"), std::string::npos) << bad;
    const Response api = desk.get(std::string("/staff/api/v1/cases?") + bad);
    EXPECT_EQ(api.status, 422) << bad;
    const std::string key(bad, std::string_view(bad).find('='));
    EXPECT_EQ(json::value_to<std::string>(json::parse(api.body).at("error").at("field")), key)
        << bad;
    EXPECT_EQ(desk.get(std::string("/staff/export.csv?") + bad).status, 400) << bad;
  }
  EXPECT_EQ(desk.get("/staff/?shop=other").status, 404);
  EXPECT_EQ(desk.get("/staff/export.csv?shop=other").status, 404);
  EXPECT_EQ(desk.get("/staff/?shop=other&format=csv").status, 404);
  EXPECT_EQ(desk.send("POST", "/staff/export.csv", "csrf=" + desk.csrf(),
                      "application/x-www-form-urlencoded")
                .status,
            405);
  Desk nobody(*app_);
  EXPECT_EQ(nobody.get("/staff/export.csv").status, 401);
}

TEST_P(StaffQueue, TheExportIsTheCurrentViewAsCsvWithFormulasDefused) {
  Order order = demo_order("1003", "=cmd@example.com");
  engine_.import_order("default", order);
  OpenRequest request;
  request.shop = "default";
  request.kind = Kind::complaint;
  request.channel = "phone";
  request.actor = {Role::customer, ""};
  request.order_id = "1003";
  request.customer = Customer{"=cmd@example.com", "=HYPERLINK(\"http://evil\",\"x\")", "", "", "", ""};
  OpenItem item;
  item.line = "1";
  item.qty = 1;
  item.reason = "defect";
  item.field = "items[0]";
  request.items.push_back(item);
  const std::string evil = engine_.open_case(request, "").subject.number;
  const std::string plain = open_case("default", "1002", "anna@example.com", "x", "2");
  ActionRequest tag;
  tag.action = Action::tag;
  tag.tags_add = {"+1", "@home", "-x"};
  act(plain, tag);
  Desk desk = signed_in();
  const Response csv = desk.get("/staff/export.csv?lang=pl");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Cache-Control"), "no-store");
  EXPECT_NE(csv.header("Content-Disposition").find("attachment; filename=\"cases-default-"),
            std::string::npos);
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF\"Zgłoszenie\"")) << csv.body;
  EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("\"'=cmd@example.com\""), std::string::npos);
  EXPECT_NE(csv.body.find("\"'+1, @home, -x\""), std::string::npos);
  EXPECT_NE(csv.body.find("\"Telefon\""), std::string::npos);
  EXPECT_NE(csv.body.find(evil), std::string::npos);
  // The same filters as the page; ?format=csv on the queue is the same export.
  const Response phone = desk.get("/staff/?channel=phone&format=csv");
  EXPECT_EQ(phone.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(phone.body.find(evil), std::string::npos);
  EXPECT_EQ(phone.body.find(plain), std::string::npos);
  // The queue links to the export of its view.
  EXPECT_NE(
      desk.get("/staff/?channel=phone")
          .body.find(
              "/staff/export.csv?shop=default&amp;state=open&amp;assignee=mine_or_unassigned&amp;"
              "channel=phone"),
      std::string::npos);
}

}  // namespace
}  // namespace reclaim::http::testing
