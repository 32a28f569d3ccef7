// The message outbox on each backend: mails and webhook posts are written in the transaction of
// their change (a refused action writes none), one customer-visible event per change, the
// customer's own reply is not mailed back to them, and events carry what a host's mailer needs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/config.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

EngineConfig shop_with_mail(const std::string &database) {
  return config_from_json(json::parse(R"({"database":")" + database + R"(","clock":"manual",
    "mail":{"from":"Sklep <reklamacje@sklep.example>"},
    "webhooks":[{"id":"erp","url":"https://erp.example/h","secret":"whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3",
                 "events":["case.state_changed"]},
                {"id":"other","url":"https://x.example/h","secret":"whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3",
                 "shops":["other"]}],
    "shops":[{"id":"default","timezone":"Europe/Warsaw","currency":"PLN","locale":"pl",
              "public_url":"https://sklep.example/r",
              "notify":{"staff":["desk@sklep.example"]}},
             {"id":"other","case_prefix":"OT"}]})"));
}

ActionRequest action(const std::string &text) { return codec::action_request_from_json(json::parse(text)); }

class OutboxOn : public ::testing::TestWithParam<std::string> {
 protected:
  OutboxOn() : database_(test::fresh_database(GetParam())), engine_(shop_with_mail(database_)) {
    engine_.set_clock(*parse_rfc3339("2026-12-01T09:00:00Z"));
  }

  std::vector<OutboxMessage> mails(std::optional<Delivery> status = std::nullopt) {
    OutboxQuery query;
    query.limit = 1000;
    query.status = status;
    return engine_.read_messages(query).messages;
  }

  std::vector<OutboxMessage> posts() {
    OutboxQuery query;
    query.channel = Channel::webhook;
    return engine_.read_messages(query).messages;
  }

  std::string database_;
  Engine engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, OutboxOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(OutboxOn, EveryStepMailsOnceAndTheCustomersReplyOnlyTheDesk) {
  // Staff opened it: the customer is acknowledged, the desk is not told of its own work.
  const auto opened = open_kettle_complaint(engine_, "default", "anna", "199.99", "Jan");
  const std::string number = opened.subject.number;
  auto all = mails();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].template_name, "case.acknowledged");
  EXPECT_EQ(all[0].to, "jan@example.pl");
  EXPECT_EQ(all[0].locale, "pl");  // the shop's language: the customer named none
  EXPECT_NE(all[0].subject.find("[" + number + "]"), std::string::npos);
  EXPECT_NE(all[0].text.find("https://sklep.example/r/c/"), std::string::npos);

  engine_.act(number, action(R"({"action":"request_info","actor":{"role":"agent","id":"anna"},
                                 "message":"Zdjęcie?"})"), "");
  engine_.act(number, action(R"({"action":"reply","actor":{"role":"customer"},
                                 "message":"W załączeniu."})"), "");
  all = mails();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1].template_name, "case.info_requested");
  EXPECT_EQ(all[2].template_name, "staff.customer_replied");
  EXPECT_EQ(all[2].to, "desk@sklep.example");

  const auto events = engine_.read_events({0, 100, "", ""}).events;
  int visible = 0;
  for (const auto &event : events) visible += event.customer_visible ? 1 : 0;
  EXPECT_EQ(visible, 3) << "opened, the question, the reply: one each";
  EXPECT_EQ(events.back().data.at("locale").as_string(), "pl");
  EXPECT_EQ(events.back().data.at("customer_email").as_string(), "jan@example.pl");
  EXPECT_TRUE(events.back().data.contains("status_url"));

  // Webhooks: only the patterns and shops each asked for.
  const auto sent = posts();
  ASSERT_EQ(sent.size(), 2u);  // the two state changes, for "erp"; "other" hears only its shop
  for (const auto &post : sent) {
    EXPECT_EQ(post.to, "erp");
    EXPECT_EQ(json::parse(post.text).at("type").as_string(), "case.state_changed");
    EXPECT_EQ(post.id.rfind("msg_", 0), 0u);
  }
}

TEST_P(OutboxOn, ARefusedActionWritesNoMessage) {
  const auto opened = open_kettle_complaint(engine_, "default", "anna", "199.99", "Jan");
  const auto before = mails().size();
  // The customer may not accept; a stale version is refused: neither leaves a message.
  EXPECT_THROW(engine_.act(opened.subject.number,
                           action(R"({"action":"accept","actor":{"role":"customer"}})"), ""),
               Error);
  EXPECT_THROW(engine_.act(opened.subject.number,
                           action(R"({"action":"review","actor":{"role":"agent","id":"a"},
                                      "expected_version":7})"), ""),
               Error);
  EXPECT_EQ(mails().size(), before);
}

TEST_P(OutboxOn, AWithdrawalIsAcknowledgedOnceWithItsStatementInTheOpeningTransaction) {
  const auto request = codec::open_request_from_json(json::parse(R"({"shop":"default",
      "kind":"return","channel":"web","actor":{"role":"agent","id":"anna"},
      "customer":{"email":"jan@example.pl","locale":"en"},
      "items":[{"sku":"KET-1","name":"Kettle","qty":1,"unit_price":"199.99","currency":"PLN",
                "reason":"changed_mind"}],
      "extra":{"withdrawal":{"statement":"I withdraw from the contract: Kettle.",
                             "submitted_at":"2026-12-01T09:00:00Z"}}})"));
  engine_.open_case(request, "");
  const auto all = mails();
  ASSERT_EQ(all.size(), 1u) << "taken by staff: the desk is not told of its own work";
  EXPECT_EQ(all[0].template_name, "withdrawal.acknowledged");
  EXPECT_EQ(all[0].locale, "en");
  EXPECT_NE(all[0].text.find("I withdraw from the contract: Kettle."), std::string::npos);
  EXPECT_NE(all[0].text.find("1 December 2026, 10:00 CET"), std::string::npos);
  EXPECT_NE(all[0].text.find("15 December 2026"), std::string::npos);
}

TEST_P(OutboxOn, AcknowledgementsChangeOnlyKnownMessages) {
  open_kettle_complaint(engine_, "default", "anna", "199.99", "Jan");
  const std::string id = mails().front().id;
  EXPECT_THROW(engine_.ack_messages({id, "m_unknown"}, Delivery::sent, ""), Error);
  EXPECT_EQ(mails(Delivery::pending).size(), 1u) << "nothing changed";
  EXPECT_EQ(engine_.ack_messages({id}, Delivery::failed, "550 no such user"), 1);
  EXPECT_EQ(mails(Delivery::failed).front().last_error, "550 no such user");
  EXPECT_EQ(engine_.ack_messages({id}, Delivery::pending, ""), 1);
  EXPECT_EQ(mails(Delivery::pending).front().attempts, 0);
}

TEST_P(OutboxOn, APreviewIsTheQueuedMailAndFollowsTheShopsWording) {
  const auto opened = open_kettle_complaint(engine_, "default", "anna", "199.99", "Jan");
  const std::string number = opened.subject.number;
  engine_.act(number, action(R"({"action":"request_info","actor":{"role":"agent","id":"anna"},
                                 "message":"Zdjęcie?"})"), "");
  engine_.act(number, action(R"({"action":"reply","actor":{"role":"customer"},"message":"Jest."})"), "");
  const auto queued = mails();
  ASSERT_EQ(queued.size(), 3u);

  const auto shown = engine_.preview_mail({"case.info_requested", number, ""});
  EXPECT_EQ(shown.to, "jan@example.pl");
  EXPECT_EQ(shown.locale, "pl");
  EXPECT_EQ(shown.subject, queued[1].subject);
  EXPECT_EQ(shown.text, queued[1].text);
  EXPECT_EQ(shown.html, queued[1].html);
  EXPECT_EQ(shown.event_seq, queued[1].event_seq);
  EXPECT_EQ(mails().size(), 3u) << "a preview queues nothing";

  const auto english = engine_.preview_mail({"case.info_requested", opened.subject.id, "en"});
  EXPECT_EQ(english.locale, "en");
  EXPECT_NE(english.text.find("Zdjęcie?"), std::string::npos) << "the shop's own words, as written";
  EXPECT_NE(english.subject, shown.subject);

  const auto desk = engine_.preview_mail({"staff.customer_replied", number, ""});
  EXPECT_EQ(desk.to, "desk@sklep.example");
  EXPECT_EQ(desk.text, queued[2].text);

  // The shop's new wording shows before any customer gets it.
  set_policy(engine_, "default", json::parse(R"({"messages":{"pl":{"case.info_requested":
      {"subject":"[{{case_number}}] Prosimy o zdjęcie","body":["Sprawa {{case_number}}."]}}}})"));
  const auto reworded = engine_.preview_mail({"case.info_requested", number, "pl"});
  EXPECT_EQ(reworded.subject, "[" + number + "] Prosimy o zdjęcie");
  EXPECT_NE(reworded.text.find("Sprawa " + number + "."), std::string::npos);

  const auto refused = [&](MailPreviewRequest request, Status status, const std::string &field) {
    try {
      engine_.preview_mail(request);
      ADD_FAILURE() << request.template_name << " " << request.case_ref << " " << request.locale;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), status) << error.what();
      EXPECT_EQ(error.field(), field) << error.what();
    }
  };
  refused({"case.nope", number, ""}, Status::invalid_argument, "template");
  refused({"case.decided", number, "de"}, Status::invalid_argument, "locale");
  refused({"case.decided", number, ""}, Status::not_found, "template");
  refused({"case.decided", "RC-1999-000001", ""}, Status::not_found, "");
}

// The decision mail of an exchange names the goods given and who pays the difference.
TEST_P(OutboxOn, TheDecisionMailOfAnExchangeNamesTheGoodsAndTheDifference) {
  const auto opened = open_kettle_complaint(engine_, "default", "anna", "199.99", "Jan");
  const std::string number = opened.subject.number;
  engine_.act(number, action(R"({"action":"accept","actor":{"role":"supervisor","id":"s"},
      "resolution":{"type":"exchange","sku":"KET-2","name":"Czajnik szklany","unit_price":"249.99",
                    "currency":"PLN"}})"), "");
  const struct {
    const char *locale, *goods, *owed, *amount;
  } expected[] = {{"pl", "w zamian Czajnik szklany, liczba sztuk: 1", "różnica w cenie do dopłaty", "50,00"},
                  {"en", "in exchange, Czajnik szklany, quantity: 1", "price difference for you to pay", "50.00"},
                  {"ru", "взамен Czajnik szklany, количество: 1", "разница в цене к доплате", "50,00"}};
  for (const auto &want : expected) {
    const auto mail = engine_.preview_mail({"case.decided", number, want.locale});
    EXPECT_NE(mail.text.find(want.goods), std::string::npos) << mail.text;
    EXPECT_NE(mail.text.find(want.owed), std::string::npos) << mail.text;
    EXPECT_NE(mail.text.find(want.amount), std::string::npos) << mail.text;
    EXPECT_NE(mail.html.find(want.owed), std::string::npos) << mail.html;
  }
}

TEST(OutboxConfig, RefusesWhatWouldLeakOrInject) {
  const auto refused = [](const std::string &members, const std::string &field) {
    try {
      config_from_json(json::parse(R"({"database":"sqlite::memory:",)" + members + "}"));
      ADD_FAILURE() << members;
    } catch (const Error &error) {
      EXPECT_EQ(error.field(), field) << members << ": " << error.what();
    }
  };
  refused(R"("mail":{"smtp":"http://x"})", "mail.smtp");
  refused(R"("mail":{"from":"a@b\r\nBcc: c@d"})", "mail.from");
  refused(R"("mail":{"starttls":"maybe"})", "mail.starttls");
  refused(R"("webhooks":[{"id":"a","url":"ftp://x","secret":"whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3"}])",
          "webhooks[0].url");
  refused(R"("webhooks":[{"id":"a","url":"https://x","secret":"short"}])", "webhooks[0].secret");
  refused(R"("webhooks":[{"id":"a","url":"https://x","secret":"whsec_c2hvcnQ="}])", "webhooks[0].secret");
  refused(R"("delivery":{"enabled":true,"extra":1})", "delivery.extra");
  refused(R"("shops":[{"id":"default","notify":{"staff":["not an address"]}}])",
          "shops[0].notify.staff[0]");
}

}  // namespace
}  // namespace reclaim
