// Inbound e-mail in the engine on each backend (issue 16): a customer's mail becomes their reply
// or message on the case it threads to, with its files judged like uploads; anyone else's, or
// one that matches no case, a draft for staff; the same mail twice adds nothing; a refused mail
// writes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

std::string fixture(const std::string &name) {
  std::ifstream in(std::string(RECLAIM_FIXTURES) + "/mail/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) throw std::runtime_error("no fixture " + name);
  return text.str();
}

std::string text_of(const json::value &value) {
  return value.is_string() ? std::string(value.as_string()) : std::string();
}

class InboundEngineOn : public ::testing::TestWithParam<std::string> {
 protected:
  InboundEngineOn() : engine_(config()) {
    engine_.set_clock(*parse_rfc3339("2026-11-30T09:00:00Z"));
    const CaseRecord opened = open_kettle_complaint(engine_, "default", "desk", "199.99", "Jan");
    id_ = opened.subject.id;
    EXPECT_EQ(opened.subject.number, "RC-2026-000001");  // the number the fixtures name
  }

  EngineConfig config() {
    EngineConfig config;
    config.storage.database = test::fresh_database(GetParam());
    config.manual_clock = true;
    config.shops = {ShopConfig{}};
    return config;
  }

  void ask() {
    ActionRequest request;
    request.action = Action::request_info;
    request.actor = {Role::agent, "desk"};
    request.message = "Please tell us when the kettle stops heating.";
    engine_.act(id_, request, "");
  }

  CaseRecord read() { return engine_.get_case(id_); }

  std::string refused_rule(std::string_view raw) {
    try {
      engine_.receive_mail("default", raw);
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
      return error.rule();
    }
    return "accepted";
  }

  Engine engine_;
  std::string id_;
};

INSTANTIATE_TEST_SUITE_P(Backends, InboundEngineOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(InboundEngineOn, AMailOnACaseWaitingForTheCustomerIsTheirReply) {
  ask();
  const auto before = read();
  ASSERT_EQ(before.subject.state, State::waiting_for_customer);
  const InboundOutcome outcome = engine_.receive_mail("default", fixture("thunderbird_reply.eml"));
  EXPECT_EQ(outcome.result, "reply");
  EXPECT_EQ(outcome.case_id, id_);
  EXPECT_EQ(outcome.case_number, "RC-2026-000001");
  EXPECT_FALSE(outcome.duplicate);
  const auto after = read();
  EXPECT_EQ(after.subject.state, State::in_review);
  EXPECT_EQ(outcome.history_seq, after.subject.version);
  ASSERT_EQ(after.history.size(), before.history.size() + 1);
  const HistoryEntry &entry = after.history.back();
  EXPECT_EQ(entry.action, "reply");
  EXPECT_EQ(entry.actor.role, Role::customer);
  EXPECT_EQ(entry.actor.id, "Jan@Example.PL");
  EXPECT_TRUE(entry.customer_visible);
  EXPECT_EQ(entry.from, State::waiting_for_customer);
  EXPECT_EQ(entry.to, State::in_review);
  EXPECT_EQ(text_of(entry.data.at("channel")), "email");
  const std::string message = text_of(entry.data.at("message"));
  EXPECT_NE(message.find("stops heating after two minutes"), std::string::npos);
  EXPECT_EQ(message.find("wrote:"), std::string::npos);
  EXPECT_EQ(message.find("> "), std::string::npos);

  // The same mail again (a retried delivery) adds nothing.
  const InboundOutcome again = engine_.receive_mail("default", fixture("thunderbird_reply.eml"));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.result, "reply");
  EXPECT_EQ(again.case_number, "RC-2026-000001");
  EXPECT_EQ(again.history_seq, outcome.history_seq);
  EXPECT_EQ(read().history.size(), after.history.size());
}

TEST_P(InboundEngineOn, InAnotherOpenStateItIsAMessageAndTheStateStays) {
  const auto before = read();
  ASSERT_EQ(before.subject.state, State::received);
  const auto events_before = engine_.read_events({}).events.size();
  const InboundOutcome outcome = engine_.receive_mail("default", fixture("gmail_polish_qp.eml"));
  EXPECT_EQ(outcome.result, "message");
  const auto after = read();
  EXPECT_EQ(after.subject.state, State::received);
  EXPECT_EQ(after.subject.version, before.subject.version + 1);
  const HistoryEntry &entry = after.history.back();
  EXPECT_EQ(entry.action, "reply");
  EXPECT_EQ(entry.from, State::received);
  EXPECT_EQ(entry.to, State::received);
  EXPECT_EQ(text_of(entry.data.at("message")),
            "Dzień dobry,\n\nczajnik przestał grzać po tygodniu. Proszę o wymianę na nowy.\n"
            "Załączam numer seryjny: SN-4471.\n\nPozdrawiam\nJan Kowalski");
  const auto events = engine_.read_events({}).events;
  ASSERT_EQ(events.size(), events_before + 1);
  EXPECT_EQ(events.back().type, "case.message");
  EXPECT_EQ(text_of(events.back().data.at("channel")), "email");

  EXPECT_EQ(engine_.receive_mail("default", fixture("russian_koi8r.eml")).result, "message");
  EXPECT_EQ(text_of(read().history.back().data.at("message")),
            "Здравствуйте!\n\nЧайник перестал греть через неделю. Прошу заменить.");
  EXPECT_EQ(engine_.receive_mail("default", fixture("html_only.eml")).result, "message");
  EXPECT_EQ(text_of(read().history.back().data.at("message")),
            "Dzień dobry,\n\nczajnik nadal nie działa & przecieka.\n\nPozdrawiam\nJan");
}

TEST_P(InboundEngineOn, FilesFollowTheUploadRules) {
  ask();
  const InboundOutcome outcome = engine_.receive_mail("default", fixture("attachments.eml"));
  EXPECT_EQ(outcome.result, "reply");
  ASSERT_EQ(outcome.attachments.size(), 2u);
  ASSERT_EQ(outcome.refused_files.size(), 1u);
  EXPECT_EQ(outcome.refused_files[0].first, "invoice.exe");
  EXPECT_EQ(outcome.refused_files[0].second, "attachment_type");
  const auto jpeg = engine_.attachment(id_, outcome.attachments[0]);
  ASSERT_TRUE(jpeg);
  EXPECT_EQ(jpeg->content_type, "image/jpeg");
  EXPECT_EQ(jpeg->name, "kettle.jpg");
  const auto pdf = engine_.attachment(id_, outcome.attachments[1], false);
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->content_type, "application/pdf");
  const CaseRecord after = read();
  const HistoryEntry &entry = after.history.back();
  ASSERT_TRUE(entry.data.contains("attachments"));
  EXPECT_EQ(entry.data.at("attachments").as_array().size(), 2u);
  const std::string message = text_of(entry.data.at("message"));
  EXPECT_NE(message.find("[file not taken: invoice.exe, attachment_type]"), std::string::npos);
  EXPECT_EQ(message.find("Sent:"), std::string::npos);
}

TEST_P(InboundEngineOn, AnotherSendersMailIsADraftNotTheCase) {
  ask();
  const auto before = read();
  const InboundOutcome outcome = engine_.receive_mail("default", fixture("stranger.eml"));
  EXPECT_EQ(outcome.result, "draft");
  EXPECT_EQ(outcome.reason, "not_customer");
  EXPECT_TRUE(outcome.case_id.empty());
  EXPECT_FALSE(outcome.draft_id.empty());
  const auto after = read();
  EXPECT_EQ(after.subject.version, before.subject.version);
  EXPECT_EQ(after.subject.state, State::waiting_for_customer);
  EXPECT_EQ(after.history.size(), before.history.size());
  const auto drafts = engine_.inbound_drafts("default");
  ASSERT_EQ(drafts.size(), 1u);
  EXPECT_EQ(drafts[0].id, outcome.draft_id);
  EXPECT_EQ(drafts[0].from_address, "mallory@evil.example");
  EXPECT_EQ(drafts[0].subject, "Re: RC-2026-000001 please refund to my account");
  EXPECT_EQ(drafts[0].text, "Send the money to me instead.");
  EXPECT_EQ(drafts[0].received_at, *parse_rfc3339("2026-11-30T09:00:00Z"));
  EXPECT_GT(drafts[0].raw_size, 0);
  // Fed twice, still one draft.
  const InboundOutcome again = engine_.receive_mail("default", fixture("stranger.eml"));
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.draft_id, outcome.draft_id);
  EXPECT_EQ(engine_.inbound_drafts("default").size(), 1u);
}

TEST_P(InboundEngineOn, AMailThatMatchesNoCaseIsADraft) {
  const std::string raw =
      "From: Ewa <ewa@example.pl>\r\nSubject: My order\r\nMessage-ID: <ewa-1@example.pl>\r\n"
      "Content-Type: text/plain; charset=UTF-8\r\n\r\nThe parcel never came.\r\n";
  const InboundOutcome outcome = engine_.receive_mail("default", raw);
  EXPECT_EQ(outcome.result, "draft");
  EXPECT_EQ(outcome.reason, "no_case");
  // A number of no case of this shop, or a case of it under a number it does not have.
  const std::string other = "From: jan@example.pl\r\nSubject: RC-2026-000099\r\n\r\nhello\r\n";
  EXPECT_EQ(engine_.receive_mail("default", other).reason, "no_case");
  // Without a Message-ID the message's bytes identify it.
  EXPECT_TRUE(engine_.receive_mail("default", other).duplicate);
  EXPECT_EQ(engine_.inbound_drafts("default").size(), 2u);
}

TEST_P(InboundEngineOn, ACancelledCaseTakesNoMail) {
  ActionRequest cancel;
  cancel.action = Action::cancel;
  cancel.actor = {Role::agent, "desk"};
  engine_.act(id_, cancel, "");
  const auto before = read();
  const InboundOutcome outcome = engine_.receive_mail("default", fixture("gmail_polish_qp.eml"));
  EXPECT_EQ(outcome.result, "draft");
  EXPECT_EQ(outcome.reason, "case_closed");
  EXPECT_EQ(read().history.size(), before.history.size());
}

TEST_P(InboundEngineOn, HostileMailWritesNothing) {
  ask();
  const auto before = read();
  EXPECT_EQ(refused_rule(fixture("malformed.eml")), "mail_malformed");
  std::string big = "From: jan@example.pl\r\nSubject: RC-2026-000001\r\n\r\n";
  big.append(kMaxInboundMailBytes + 1, 'x');
  EXPECT_EQ(refused_rule(big), "mail_too_large");
  EXPECT_EQ(refused_rule("\x01\x02\x03 not mail"), "mail_malformed");
  const auto after = read();
  EXPECT_EQ(after.subject.version, before.subject.version);
  EXPECT_EQ(after.history.size(), before.history.size());
  EXPECT_TRUE(engine_.inbound_drafts("default").empty());
  EXPECT_THROW(engine_.receive_mail("nosuch", fixture("thunderbird_reply.eml")), Error);

  // The CR/LF subject is taken, its subject on one line.
  const InboundOutcome crlf = engine_.receive_mail("default", fixture("crlf_subject.eml"));
  EXPECT_EQ(crlf.result, "reply");
  EXPECT_EQ(text_of(read().history.back().data.at("message")), "A short note.");
}

}  // namespace
}  // namespace reclaim
