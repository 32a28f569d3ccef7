// Canned replies on each backend: kept per shop, language and reason, filled in for a case with
// nothing but the known placeholders; managed by supervisors on /staff/replies (agents read),
// inserted into a case page's message fields without JavaScript; hostile input refused or
// escaped, another shop's replies never shown.
#include "codec/canned_reply_json.hpp"
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

class StaffReplies : public StaffDesk {
 protected:
  CannedReply save(const std::string &locale, const std::string &reason, const std::string &title,
                   const std::string &body, const std::string &shop = "default",
                   const std::string &id = "") {
    CannedRequest request;
    request.op = CannedOp::save;
    request.shop = shop;
    request.reply = {id, "", locale, reason, title, body, 0, "eva"};
    return engine_.canned_replies(request).reply;
  }
  std::vector<CannedReply> list(const std::string &locale = "", const std::string &reason = "",
                                const std::string &shop = "default") {
    return engine_.canned_replies(CannedRequest{CannedOp::list, shop, locale, reason, {}, "", ""})
        .replies;
  }
  Status status_of(const CannedRequest &request, std::string *field = nullptr) {
    try {
      engine_.canned_replies(request);
    } catch (const Error &error) {
      if (field) *field = error.field();
      return error.status();
    }
    return Status::ok;
  }
};

INSTANTIATE_TEST_SUITE_P(Backends, StaffReplies, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffReplies, RepliesAreKeptPerShopLanguageAndReasonAndFilledInForACase) {
  const CannedReply photo = save("pl", "defect", "Prośba o zdjęcie",
                                 "Dzień dobry {{customer_name}}, prosimy o zdjęcie wady w sprawie "
                                 "{{ case_number }} (zamówienie {{order_number}}, {{shop_name}}).");
  EXPECT_TRUE(photo.id.starts_with("r_"));
  save("pl", "", "Podziękowanie", "Dziękujemy, {{customer_name}}.");
  save("en", "defect", "Photo please", "Hello {{customer_name}}, a photo please.");
  save("pl", "defect", "Inny sklep", "Nie dla nas.", "other");
  // A language and a reason list the replies for that reason and those for any reason.
  std::vector<std::string> titles;
  for (const auto &reply : list("pl", "defect")) titles.push_back(reply.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"Podziękowanie", "Prośba o zdjęcie"}));
  EXPECT_EQ(list("pl", "changed_mind").size(), 1u);
  EXPECT_EQ(list().size(), 3u);
  EXPECT_EQ(list("", "", "other").size(), 1u);

  const std::string number = open_case("default", "1002", "anna@example.com");
  const Case c = engine_.get_case(number).subject;
  const auto rendered = engine_.render_canned_reply(c, photo.id, "");
  EXPECT_EQ(rendered.text, "Dzień dobry Jan, prosimy o zdjęcie wady w sprawie " + number +
                               " (zamówienie 1002, Test Shop).");
  // Another shop's reply is not found for this case.
  const std::string theirs = list("", "", "other").front().id;
  EXPECT_THROW(engine_.render_canned_reply(c, theirs, ""), Error);

  // Replacing keeps the id; removing forgets it, and a second removal is not found.
  const CannedReply changed = save("pl", "defect", "Prośba o zdjęcia", "Prosimy o zdjęcia.",
                                   "default", photo.id);
  EXPECT_EQ(changed.id, photo.id);
  EXPECT_EQ(list("pl", "defect").back().body, "Prosimy o zdjęcia.");
  EXPECT_EQ(status_of({CannedOp::remove, "default", "", "", {}, photo.id, ""}), Status::ok);
  EXPECT_EQ(status_of({CannedOp::remove, "default", "", "", {}, photo.id, ""}), Status::not_found);
  EXPECT_EQ(list("pl", "defect").size(), 1u);
}

TEST_P(StaffReplies, BadRepliesAreRefusedAndChangeNothing) {
  const auto refused = [&](CannedReply reply, const std::string &shop = "default") {
    CannedRequest request;
    request.op = CannedOp::save;
    request.shop = shop;
    request.reply = std::move(reply);
    std::string field;
    const Status status = status_of(request, &field);
    return std::pair{status, field};
  };
  using Refusal = std::pair<Status, std::string>;
  EXPECT_EQ(refused({"", "", "pl", "", "x", "{{password}}", 0, ""}),
            Refusal(Status::invalid_argument, "reply.body"));
  EXPECT_EQ(refused({"", "", "pl", "", "x", "Hello {{customer_name", 0, ""}),
            Refusal(Status::invalid_argument, "reply.body"));
  EXPECT_EQ(refused({"", "", "pl", "", "", "text", 0, ""}),
            Refusal(Status::invalid_argument, "reply.title"));
  EXPECT_EQ(refused({"r_missing", "", "pl", "", "x", "y", 0, ""}),
            Refusal(Status::not_found, "reply.id"));
  EXPECT_EQ(refused({"", "", "pl", "", "x", "y", 0, ""}, "nosuch").first, Status::not_found);
  EXPECT_TRUE(list().empty());
  // The codec: unknown members and languages are named.
  for (const auto &[document, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"op":"save","reply":{"locale":"de","title":"x","body":"y"}})", "reply.locale"},
           {R"({"op":"save","reply":{"locale":"pl","title":"x","body":"y","x":1}})", "reply.x"},
           {R"({"op":"list","id":"r_1"})", "id"},
           {R"({"op":"render","id":"r_1"})", "case"},
           {R"({"op":"save","reply":{"locale":"pl","title":"x","body":")" +
                std::string(9000, 'a') + "\"}}",
            "reply.body"}}) {
    try {
      codec::canned_request_from_json(json::parse(document));
      ADD_FAILURE() << document;
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument) << document;
      EXPECT_EQ(error.field(), field) << document;
    }
  }
}

TEST_P(StaffReplies, SupervisorsManageThemOnTheSettingsPageAndAgentsReadThem) {
  Desk eva = signed_in("supervisor");
  ASSERT_EQ(eva.get("/staff/replies?lang=pl").status, 200);
  const Response saved = eva.post("/staff/replies", {{"shop", "default"},
                                                     {"locale", "pl"},
                                                     {"reason", "defect"},
                                                     {"title", "<b>Zdjęcie</b>"},
                                                     {"body", "Prosimy o zdjęcie, {{customer_name}}."}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  const Response page = eva.get("/staff/replies?lang=pl");
  EXPECT_NE(page.body.find("&lt;b&gt;Zdjęcie&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find("<b>Zdjęcie</b>"), std::string::npos);
  EXPECT_NE(page.body.find("Gotowe odpowiedzi"), std::string::npos);
  ASSERT_EQ(list().size(), 1u);
  EXPECT_EQ(list().front().updated_by, "anna");
  // An unknown placeholder: the form again with what was typed, and nothing saved.
  const Response bad = eva.post("/staff/replies", {{"shop", "default"},
                                                  {"locale", "pl"},
                                                  {"title", "Hasło"},
                                                  {"body", "Twoje hasło: {{password}}"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Twoje hasło: {{password}}"), std::string::npos);
  EXPECT_EQ(list().size(), 1u);
  // Forged CSRF, another shop, an unknown language: refused, nothing saved.
  EXPECT_EQ(eva.post("/staff/replies", {{"locale", "pl"}, {"title", "x"}, {"body", "y"}}, false).status,
            403);
  EXPECT_EQ(eva.post("/staff/replies",
                     {{"shop", "other"}, {"locale", "pl"}, {"title", "x"}, {"body", "y"}})
                .status,
            404);
  EXPECT_EQ(eva.post("/staff/replies", {{"locale", "xx"}, {"title", "x"}, {"body", "y"}}).status,
            422);
  EXPECT_EQ(list().size(), 1u);
  EXPECT_TRUE(list("", "", "other").empty());

  // An agent reads them, and may not change them.
  Desk anna = signed_in("agent");
  const Response read = anna.get("/staff/replies?lang=en");
  EXPECT_EQ(read.status, 200);
  EXPECT_NE(read.body.find("Only a supervisor can add"), std::string::npos);
  EXPECT_EQ(read.body.find("/remove"), std::string::npos);
  EXPECT_EQ(anna.post("/staff/replies", {{"locale", "pl"}, {"title", "x"}, {"body", "y"}}).status,
            403);
  const std::string id = list().front().id;
  EXPECT_EQ(anna.post("/staff/replies/" + id + "/remove", {}).status, 403);
  EXPECT_EQ(list().size(), 1u);
  EXPECT_EQ(anna.get("/staff/replies/" + id + "/remove").status, 405);

  // The supervisor removes it; a second removal says it is gone.
  eva.get("/staff/replies");
  EXPECT_EQ(eva.post("/staff/replies/" + id + "/remove", {{"shop", "default"}}).status, 200);
  EXPECT_TRUE(list().empty());
  EXPECT_EQ(eva.post("/staff/replies/" + id + "/remove", {{"shop", "default"}}).status, 409);
}

TEST_P(StaffReplies, ACasePageInsertsTheChosenReplyFilledInForTheCase) {
  const std::string number = open_case("default", "1001", "jan@example.pl");
  const CannedReply photo =
      save("pl", "defect", "Prośba o zdjęcie", "Dzień dobry {{customer_name}} ({{case_number}}).");
  save("en", "defect", "Photo", "Hello.");
  save("pl", "changed_mind", "Zwrot", "Zwrot.");
  Desk desk = signed_in();
  const Response page = desk.get("/staff/cases/" + number + "?lang=en");
  ASSERT_EQ(page.status, 200);
  // Only the replies in the case's language (pl) that suit its reason.
  EXPECT_NE(page.body.find("Prośba o zdjęcie</option>"), std::string::npos);
  EXPECT_EQ(page.body.find(">Photo</option>"), std::string::npos);
  EXPECT_EQ(page.body.find(">Zwrot</option>"), std::string::npos);
  // Chosen: in the message fields, with the customer's name escaped (it is a script here).
  const Response filled = desk.get("/staff/cases/" + number + "?lang=en&reply=" + photo.id);
  ASSERT_EQ(filled.status, 200);
  EXPECT_NE(filled.body.find(">Dzień dobry &lt;script&gt;alert(1)&lt;/script&gt; (" + number +
                             ").</textarea>"),
            std::string::npos);
  EXPECT_EQ(filled.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(filled.body.find("<details class=\"action\" open>"), std::string::npos);
  // A reply removed meanwhile, or another shop's: said so, nothing filled in.
  const CannedReply theirs = save("pl", "defect", "Obcy", "Obcy tekst.", "other");
  const Response foreign = desk.get("/staff/cases/" + number + "?reply=" + theirs.id);
  EXPECT_EQ(foreign.status, 200);
  EXPECT_EQ(foreign.body.find("Obcy tekst."), std::string::npos);
  EXPECT_NE(foreign.body.find("no longer exists"), std::string::npos);
}

}  // namespace
}  // namespace reclaim::http::testing
