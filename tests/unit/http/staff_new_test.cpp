// The desk's intake (/staff/new) and its unmatched e-mails (/staff/mail) on each backend: a case
// taken by phone from an order or for goods without one, the refusals that change nothing, and
// e-mails that went to no case opened as a case, added to one as a note, or dismissed.
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

class StaffNew : public StaffDesk {
 protected:
  std::int64_t case_count() {
    CaseQuery query;
    query.shop = "default";
    query.limit = 100;
    return static_cast<std::int64_t>(engine_.list_cases(query).cases.size());
  }

  // An e-mail from a stranger: no case takes it, so it waits for staff.
  std::string stranger_mail(const std::string &id, const std::string &subject) {
    const std::string raw = "From: Ola <ola@example.org>\r\nTo: desk@shop.example\r\nSubject: " +
                            subject + "\r\nMessage-ID: <" + id +
                            "@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                            "My kettle <b>leaks</b>. Order 1001.\r\n";
    const auto outcome = engine_.receive_mail("default", raw);
    EXPECT_EQ(outcome.result, "draft");
    return outcome.draft_id;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffNew, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffNew, APhoneComplaintFromAnOrderIsOpenedByTheAgent) {
  Desk desk = signed_in();
  const Response form = desk.get("/staff/new?order=N1001");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("name=\"qty_0\""), std::string::npos) << "the order's lines";
  EXPECT_NE(form.body.find("Kettle"), std::string::npos);
  EXPECT_NE(form.body.find("jan@example.pl"), std::string::npos) << "the order's customer";
  EXPECT_EQ(form.body.find("<script>alert(1)</script>"), std::string::npos) << "escaped";
  const Fields fields = {{"shop", "default"},         {"kind", "complaint"},
                         {"channel", "phone"},        {"customer_name", "Jan Kowalski"},
                         {"customer_email", "jan@example.pl"},
                         {"customer_locale", "pl"},   {"order", "N1001"},
                         {"qty_0", "1"},              {"reason_0", "defect"},
                         {"qty_1", "0"},              {"reason_1", "defect"},
                         {"description", "Czajnik przecieka."},
                         {"preferred_resolution", "repair"}};
  const Response made = desk.post("/staff/new", fields);
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string location(made.header("Location"));
  EXPECT_EQ(location.rfind("/staff/cases/RC-", 0), 0u) << location;
  const std::string number = location.substr(13, location.find('?') - 13);
  const CaseRecord record = engine_.get_case(number);
  EXPECT_EQ(record.subject.channel, "phone");
  EXPECT_EQ(record.subject.order_id, "1001");
  ASSERT_EQ(record.subject.items.size(), 1u);
  EXPECT_EQ(record.subject.items[0].qty, 1);
  EXPECT_EQ(record.history.front().actor.id, "anna");
  EXPECT_EQ(record.history.front().actor.role, Role::agent);
  EXPECT_EQ(record.subject.preferred_resolution, "repair");
  // The same form again (a double click): the same case, not a second one.
  const Response again = desk.post("/staff/new", fields);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.header("Location"), location);
  EXPECT_EQ(case_count(), 1);
  // The customer is acknowledged as after the online form.
  OutboxQuery mails;
  EXPECT_EQ(engine_.read_messages(mails).messages.front().template_name, "case.acknowledged");
}

TEST_P(StaffNew, GoodsWithoutAnOrderAreDescribedByStaff) {
  Desk desk = signed_in();
  const Response form = desk.get("/staff/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"name_0\""), std::string::npos);
  const Response made = desk.post("/staff/new", {{"kind", "complaint"},
                                                 {"channel", "store"},
                                                 {"customer_name", "Ewa"},
                                                 {"customer_phone", "+48 600 000 000"},
                                                 {"name_0", "Toster"},
                                                 {"sku_0", "TOS-1"},
                                                 {"qty_0", "1"},
                                                 {"price_0", "89,90"},
                                                 {"reason_0", "defect"}});
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string location(made.header("Location"));
  const CaseRecord record = engine_.get_case(location.substr(13, location.find('?') - 13));
  EXPECT_EQ(record.subject.channel, "store");
  EXPECT_TRUE(record.subject.order_id.empty());
  ASSERT_EQ(record.subject.items.size(), 1u);
  EXPECT_EQ(record.subject.items[0].name, "Toster");
  ASSERT_TRUE(record.subject.items[0].unit_price.has_value());
  EXPECT_EQ(record.subject.items[0].unit_price->amount.to_string(2), "89.90");
  EXPECT_EQ(record.subject.items[0].unit_price->currency, "PLN");
}

TEST_P(StaffNew, RefusedFormsChangeNothingAndKeepWhatWasTyped) {
  Desk desk = signed_in();
  desk.get("/staff/new");
  // No goods at all.
  Response refused = desk.post("/staff/new", {{"channel", "phone"}, {"customer_name", "<img src=x onerror=alert(1)>"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_EQ(refused.body.find("<img src=x"), std::string::npos);
  // More than the order has left; a quantity that is no number; an order that does not exist.
  refused = desk.post("/staff/new", {{"order", "N1001"}, {"qty_0", "5"}, {"reason_0", "defect"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  refused = desk.post("/staff/new", {{"order", "N1001"}, {"qty_0", "1e3"}, {"reason_0", "defect"}});
  EXPECT_EQ(refused.status, 422);
  refused = desk.post("/staff/new", {{"order", "N9999"}, {"qty_0", "1"}, {"reason_0", "defect"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("No order with this number"), std::string::npos);
  // An unknown reason, a forged token, another shop's order and another shop.
  refused = desk.post("/staff/new", {{"name_0", "X"}, {"qty_0", "1"}, {"reason_0", "whim"}});
  EXPECT_EQ(refused.status, 422);
  refused = desk.post("/staff/new", {{"csrf", "forged"}, {"name_0", "X"}, {"qty_0", "1"},
                                     {"reason_0", "defect"}}, false);
  EXPECT_EQ(refused.status, 403);
  refused = desk.post("/staff/new", {{"order", "N2001"}, {"qty_0", "1"}, {"reason_0", "defect"}});
  EXPECT_EQ(refused.status, 422) << "another shop's order is not found in this one";
  refused = desk.post("/staff/new", {{"shop", "other"}, {"name_0", "X"}, {"qty_0", "1"},
                                     {"reason_0", "defect"}});
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(case_count(), 0);
  CaseQuery other;
  other.shop = "other";
  EXPECT_TRUE(engine_.list_cases(other).cases.empty());
  // Not signed in; a wrong method.
  Desk stranger(*app_);
  EXPECT_EQ(stranger.get("/staff/new").status, 401);
  EXPECT_EQ(desk.send("PUT", "/staff/new").status, 405);
}

TEST_P(StaffNew, AnUnmatchedEmailBecomesACaseANoteOrNothing) {
  const std::string first = stranger_mail("one", "Kettle <leaks>");
  const std::string second = stranger_mail("two", "Thank you");
  const std::string third = stranger_mail("three", "About my case");
  const std::string number = open_case("default", "1002", "anna@example.com");
  Desk desk = signed_in();
  Response list = desk.get("/staff/mail");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_NE(list.body.find("Kettle &lt;leaks&gt;"), std::string::npos);
  EXPECT_NE(list.body.find("My kettle &lt;b&gt;leaks&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(list.body.find("<span class=\"badge\">3</span>"), std::string::npos) << "the bar counts them";
  EXPECT_NE(list.body.find("It names no case."), std::string::npos);

  // A case from the first: the form starts with the sender and their words.
  const Response form = desk.get("/staff/new?draft=" + first);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("value=\"ola@example.org\""), std::string::npos);
  EXPECT_NE(form.body.find("My kettle &lt;b&gt;leaks&lt;/b&gt;"), std::string::npos);
  const Response made = desk.post("/staff/new", {{"draft", first},
                                                 {"channel", "email"},
                                                 {"customer_email", "ola@example.org"},
                                                 {"name_0", "Kettle"},
                                                 {"qty_0", "1"},
                                                 {"reason_0", "defect"}});
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_EQ(desk.get("/staff/new?draft=" + first).status, 404) << "settled";

  // The second dismissed; dismissing it again says someone dealt with it.
  desk.get("/staff/mail");
  Response dismissed = desk.post("/staff/mail/" + second + "/dismiss", {});
  EXPECT_EQ(dismissed.status, 200);
  EXPECT_NE(dismissed.body.find("The e-mail was dismissed."), std::string::npos);
  EXPECT_EQ(desk.post("/staff/mail/" + second + "/dismiss", {}).status, 409);

  // The third added to a case as an internal note; an unknown case and a forged token change nothing.
  EXPECT_EQ(desk.post("/staff/mail/" + third + "/attach", {{"case", "RC-2099-000001"}}).status, 422);
  EXPECT_EQ(desk.post("/staff/mail/" + third + "/attach", {{"csrf", "x"}, {"case", number}}, false).status,
            403);
  const Response attached = desk.post("/staff/mail/" + third + "/attach", {{"case", number}});
  ASSERT_EQ(attached.status, 303) << attached.body;
  const CaseRecord record = engine_.get_case(number);
  EXPECT_EQ(record.history.back().action, "comment");
  EXPECT_FALSE(record.history.back().customer_visible);
  EXPECT_NE(record.history.back().data.at("message").as_string().find("ola@example.org"),
            std::string::npos);
  list = desk.get("/staff/mail");
  EXPECT_NE(list.body.find("No unmatched e-mails."), std::string::npos);
  EXPECT_EQ(list.body.find("class=\"badge\""), std::string::npos);
  // The same mail delivered again is still what it was: a draft, now settled.
  const std::string raw = "From: Ola <ola@example.org>\r\nSubject: Thank you\r\nMessage-ID: <two@example.org>\r\n\r\nx\r\n";
  EXPECT_EQ(engine_.receive_mail("default", raw).result, "draft");
  EXPECT_NE(desk.get("/staff/mail").body.find("No unmatched e-mails."), std::string::npos);
  // Unknown routes and methods under /staff/mail/.
  EXPECT_EQ(desk.post("/staff/mail/" + third + "/frob", {}).status, 404);
  EXPECT_EQ(desk.get("/staff/mail/" + third + "/dismiss").status, 405);
}

TEST_P(StaffNew, AnotherShopsMailIsNotSeen) {
  const std::string raw = "From: Olga <olga@example.ru>\r\nSubject: Hello\r\nMessage-ID: <o1@example.ru>\r\n\r\nПривет\r\n";
  const std::string draft = engine_.receive_mail("other", raw).draft_id;
  Desk desk = signed_in();
  EXPECT_EQ(desk.get("/staff/mail").body.find("Hello"), std::string::npos);
  desk.get("/staff/mail");
  EXPECT_EQ(desk.post("/staff/mail/" + draft + "/dismiss", {}).status, 409);
  EXPECT_EQ(desk.get("/staff/new?draft=" + draft).status, 404);
  EXPECT_EQ(engine_.inbound_drafts("other").size(), 1u);
}

}  // namespace
}  // namespace reclaim::http::testing
