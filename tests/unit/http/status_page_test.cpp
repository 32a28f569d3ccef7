// What the customer reads on the status page and the form, in a Polish shop under Polish law
// (issue 16): the legal meaning of the decision date, a withdrawal's own next steps, the decision
// with its amounts, the current question at the top, dates written for the language, the e-mail
// the confirmation goes to, the lookup, the cancel confirmation and the form's choices.
#include <gtest/gtest.h>

#include "http/site.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

bool has(const Response &response, std::string_view text) {
  return response.body.find(text) != std::string::npos;
}

class StatusPage : public ::testing::Test {
 protected:
  StatusPage() : engine_(polish_config()) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    Order order = demo_order("1001", "jan@example.pl");
    order.customer.name = "Jan Kowalski";
    order.delivered_at = *parse_rfc3339("2026-11-20T10:00:00Z");
    engine_.import_order("default", order);
    Options options;
    options.submits_per_minute = 100;
    options.lookups_per_minute = 100;
    app_ = std::make_unique<App>(engine_, options);
  }

  static EngineConfig polish_config() {
    EngineConfig config = test_config();
    config.shops[0].jurisdiction = "PL";
    return config;
  }

  // A complaint about one kettle through the form; returns the status token.
  std::string complain(Browser &browser, const std::string &preferred = "replacement") {
    return complain_by_form(browser, "pl", preferred);
  }

  // A withdrawal from both kettles through the withdrawal function; returns the status token.
  std::string withdraw(Browser &browser) {
    browser.prime();
    const Response done = browser.post(
        "/withdraw/confirm?lang=pl",
        {{"name", "Jan Kowalski"}, {"order", "N1001"}, {"email", "jan@example.pl"}, {"line", "1"}});
    EXPECT_EQ(done.status, 200) << done.body;
    const std::regex link(R"re(href="/c/([^"?]+)\?)re");
    std::smatch match;
    EXPECT_TRUE(std::regex_search(done.body, match, link));
    return match[1];
  }

  std::string case_id(const std::string &token) { return *engine_.case_of_token(token, "default"); }

  void act(const std::string &token, const std::string &action_json) {
    engine_.act(case_id(token), codec::action_request_from_json(json::parse(action_json)), "");
  }

  Engine engine_;
  std::unique_ptr<App> app_;
};

TEST_F(StatusPage, APolishConsumerComplaintSaysSilenceByTheDateMeansAcceptance) {
  Browser browser(*app_);
  const std::string token = complain(browser);
  const Response pl = browser.get("/c/" + token + "?lang=pl");
  EXPECT_TRUE(has(pl, "Jeśli nie odpowiemy do tego dnia, reklamację uważa się za uznaną"));
  EXPECT_TRUE(has(pl, "7 grudnia 2026"));  // 14 days from 23 November, in the genitive
  EXPECT_FALSE(has(pl, "obiecujemy"));
  const Response en = browser.get("/c/" + token + "?lang=en");
  EXPECT_TRUE(has(en, "your complaint is deemed accepted"));
  EXPECT_TRUE(has(en, "7 December 2026"));
  const Response ru = browser.get("/c/" + token + "?lang=ru");
  EXPECT_TRUE(has(ru, "рекламация считается признанной"));
  EXPECT_TRUE(has(ru, "7 декабря 2026"));
  for (const Response *page : {&pl, &en, &ru}) {
    EXPECT_FALSE(has(*page, "2026-12-07"));
    EXPECT_FALSE(has(*page, "Europe/Warsaw"));
  }
}

TEST_F(StatusPage, AWithdrawalSaysSendTheGoodsBackAndWhenTheRefundIsDue) {
  Browser browser(*app_);
  const std::string token = withdraw(browser);
  const Response pl = browser.get("/c/" + token + "?lang=pl");
  EXPECT_TRUE(has(pl, "Odstąpienie od umowy"));
  EXPECT_TRUE(has(pl, "Odeślij nam towar najpóźniej 7 grudnia 2026."));
  EXPECT_TRUE(has(pl, "Bezpośredni koszt odesłania towaru ponosisz Ty."));
  EXPECT_TRUE(has(pl, "Zwrot płatności do"));
  EXPECT_TRUE(has(pl, "w ciągu 14 dni od otrzymania Twojego oświadczenia"));
  EXPECT_TRUE(has(pl, "dowodu jego odesłania"));
  // The statement in full: its goods, order, name and the time it was made.
  EXPECT_TRUE(has(pl, "Niniejszym informuję o moim odstąpieniu"));
  EXPECT_TRUE(has(pl, "<li>Kettle × 2</li>"));
  EXPECT_TRUE(has(pl, "Imię i nazwisko konsumenta: Jan Kowalski"));
  EXPECT_TRUE(has(pl, "23 listopada 2026, 11:00"));
  // Not a complaint waiting for a decision, and no reason the customer never gave.
  EXPECT_FALSE(has(pl, "Decyzja do"));
  EXPECT_FALSE(has(pl, "Nic nie musisz"));
  EXPECT_FALSE(has(pl, "Zmiana decyzji"));
  const Response en = browser.get("/c/" + token + "?lang=en");
  EXPECT_TRUE(has(en, "Please send the goods back to us by 7 December 2026."));
  EXPECT_TRUE(has(en, "within 14 days of receiving your statement"));
  EXPECT_FALSE(has(en, "Changed my mind"));
  const Response ru = browser.get("/c/" + token + "?lang=ru");
  EXPECT_TRUE(has(ru, "Отправьте нам товар не позднее 7 декабря 2026."));
  EXPECT_TRUE(has(ru, "в течение 14 дней с момента получения вашего заявления"));
  // Staff read the whole statement too, not the part before its colon.
  const std::string description = engine_.get_case(case_id(token)).subject.description;
  EXPECT_NE(description.find("Kettle × 2"), std::string::npos) << description;
  EXPECT_NE(description.find("Jan Kowalski"), std::string::npos);
  // The shop's instructions, once given, are what the customer reads first.
  act(token, R"({"action":"authorize_return","actor":{"role":"agent","id":"a"},
                 "instructions":"Paczkomat: kod zwrotu 1234, adres ul. Polna 1"})");
  const Response instructed = browser.get("/c/" + token + "?lang=pl");
  const auto instructions = instructed.body.find("kod zwrotu 1234");
  ASSERT_NE(instructions, std::string::npos);
  EXPECT_LT(instructions, instructed.body.find("id=\"history-h\""));
  EXPECT_TRUE(has(instructed, "w sposób podany w instrukcji sklepu powyżej"));
}

TEST_F(StatusPage, TheDecisionShowsAmountsTheExplanationAndTheReference) {
  Browser browser(*app_);
  const std::string token = complain(browser, "replacement");
  act(token, R"({"action":"accept","actor":{"role":"agent","id":"a"},
                 "resolution":{"type":"refund","amount":"150.00","currency":"PLN"},
                 "explanation":"Ten model wycofano ze sprzedaży, więc nie możemy go wymienić."})");
  const Response pl = browser.get("/c/" + token + "?lang=pl");
  EXPECT_TRUE(has(pl, "Decyzja sklepu"));
  EXPECT_TRUE(has(pl, "150,00\u00a0PLN"));
  EXPECT_TRUE(has(pl,
                  "Rozwiązanie wskazane w zgłoszeniu: Wymiana na nowy. Przyznane "
                  "rozwiązanie: Zwrot pieniędzy."));
  EXPECT_TRUE(has(pl, "Ten model wycofano ze sprzedaży"));
  EXPECT_TRUE(has(pl, "tym samym sposobem płatności"));
  EXPECT_TRUE(has(pl, "Zrealizujemy to najpóźniej"));
  EXPECT_FALSE(has(pl, "Decyzja do"));
  const Response en = browser.get("/c/" + token + "?lang=en");
  EXPECT_TRUE(has(en, "150.00\u00a0PLN"));
  EXPECT_TRUE(has(en, "You asked for: Replacement. The shop decided on: Refund."));
  // The explanation is kept with the decision and given to the customer's view.
  const auto view = codec::to_json(engine_.customer_view(case_id(token)));
  EXPECT_EQ(view.at("history").as_array().back().at("explanation"),
            "Ten model wycofano ze sprzedaży, więc nie możemy go wymienić.");
  engine_.set_clock(*parse_rfc3339("2026-11-25T09:00:00Z"));
  act(token, R"({"action":"fulfil","actor":{"role":"host"},"reference":"RF-2026-77"})");
  const Response done = browser.get("/c/" + token + "?lang=pl");
  EXPECT_TRUE(has(done, "Zrealizowano 25 listopada 2026."));
  EXPECT_TRUE(has(done, "Numer referencyjny: <strong>RF-2026-77</strong>"));
  const Response ru = browser.get("/c/" + token + "?lang=ru");
  EXPECT_TRUE(has(ru, "Выполнено 25 ноября 2026."));
  EXPECT_TRUE(has(ru, "150,00\u00a0PLN"));
}

TEST_F(StatusPage, TheShopsQuestionIsShownAtTheTopWithTheReplyForm) {
  Browser browser(*app_);
  const std::string token = complain(browser);
  act(token, R"({"action":"request_info","actor":{"role":"agent","id":"a"},
                 "message":"Jaki jest numer seryjny?"})");
  const Response pl = browser.get("/c/" + token + "?lang=pl");
  const auto next = pl.body.find("id=\"next-h\"");
  const auto question = pl.body.find("Jaki jest numer seryjny?");
  const auto reply = pl.body.find("action=\"/c/" + token + "/reply\"");
  const auto history = pl.body.find("id=\"history-h\"");
  ASSERT_NE(question, std::string::npos);
  EXPECT_LT(next, question);
  EXPECT_LT(question, reply);
  EXPECT_LT(reply, history);
  EXPECT_TRUE(has(pl, "Pytanie sklepu"));
  EXPECT_FALSE(has(pl, "powyżej"));  // nothing points up to what is below
}

TEST_F(StatusPage, TheConfirmationSaysWhereTheConfirmationGoes) {
  Browser browser(*app_);
  const std::string token = complain(browser);
  const Response pl = browser.get("/c/" + token + "/confirmation?lang=pl");
  EXPECT_TRUE(has(pl,
                  "Potwierdzenie zgłoszenia z linkiem do niego wysyłamy na adres "
                  "<strong>jan@example.pl</strong>."));
  EXPECT_TRUE(has(pl, "7 grudnia 2026"));
  EXPECT_TRUE(has(pl, "href=\"/c/" + token));
  const Response en = browser.get("/c/" + token + "/confirmation?lang=en");
  EXPECT_TRUE(has(en, "We are sending a confirmation with the link to your case to"));
  EXPECT_TRUE(has(en, "Bookmark this link"));
}

TEST_F(StatusPage, TheCaseNumberIsFoundInAnyCaseAndWithSpaces) {
  Browser browser(*app_);
  const std::string token = complain(browser);
  const Response found =
      browser.post("/lookup", {{"number", "  rc-2026-000001 "}, {"email", "jan@example.pl"}});
  EXPECT_EQ(found.status, 303);
  EXPECT_EQ(token_of(found.header("Location")), token);
}

TEST_F(StatusPage, CancellingAsksForConfirmationAndThePageThenPromisesNothing) {
  Browser browser(*app_);
  const std::string token = complain(browser);
  const Response status = browser.get("/c/" + token + "?lang=en");
  EXPECT_TRUE(has(status, "href=\"/c/" + token + "/cancel?lang=en\""));
  EXPECT_FALSE(has(status, "action=\"/c/" + token + "/cancel\""));  // no one-click form
  const Response ask = browser.get("/c/" + token + "/cancel?lang=en");
  EXPECT_EQ(ask.status, 200);
  EXPECT_TRUE(has(ask, "Cancel this case?"));
  EXPECT_TRUE(has(ask, "name=\"confirm\" value=\"yes\""));
  EXPECT_TRUE(has(ask, "name=\"csrf\""));
  // A cancel without the confirmation only asks.
  const Response unconfirmed = browser.post("/c/" + token + "/cancel?lang=en", {});
  EXPECT_EQ(unconfirmed.status, 200);
  EXPECT_TRUE(has(unconfirmed, "Cancel this case?"));
  EXPECT_EQ(engine_.get_case(case_id(token)).subject.state, State::received);
  EXPECT_EQ(browser.post("/c/" + token + "/cancel", {{"confirm", "yes"}}, false).status, 403);
  EXPECT_EQ(browser.post("/c/" + token + "/cancel", {{"confirm", "yes"}}).status, 303);
  EXPECT_EQ(engine_.get_case(case_id(token)).subject.state, State::cancelled);
  const Response cancelled = browser.get("/c/" + token + "?lang=en");
  EXPECT_TRUE(has(cancelled, "This case has been cancelled"));
  EXPECT_TRUE(has(cancelled, "no decision will be made"));
  EXPECT_FALSE(has(cancelled, "We will decide by"));
  EXPECT_FALSE(has(cancelled, "deemed accepted"));
  const Response polish = browser.get("/c/" + token + "?lang=pl");
  EXPECT_TRUE(has(polish, "Zgłoszenie zostało anulowane"));
  EXPECT_FALSE(has(polish, "Decyzja do"));
}

TEST_F(StatusPage, TheFormOffersWhatFitsTheKindStartsAtOneAndKnowsTheName) {
  Browser browser(*app_);
  browser.prime();
  const Response complaint = browser.post(
      "/new?lang=en",
      {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}, {"kind", "complaint"}});
  EXPECT_EQ(complaint.status, 200);
  EXPECT_TRUE(has(complaint, "value=\"Jan Kowalski\""));  // the order's customer
  EXPECT_TRUE(has(complaint, "name=\"pick_0\""));         // lines are chosen explicitly
  EXPECT_TRUE(has(complaint, "min=\"1\" max=\"2\" value=\"1\""));
  EXPECT_TRUE(has(complaint, "value=\"defect\""));
  EXPECT_FALSE(has(complaint, "value=\"changed_mind\""));
  EXPECT_FALSE(has(complaint, "value=\"better_price\""));
  EXPECT_FALSE(has(complaint, "value=\"discount_code\""));
  const Response returning = browser.post(
      "/new?lang=en",
      {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}, {"kind", "return"}});
  EXPECT_TRUE(has(returning, "value=\"changed_mind\""));
  EXPECT_FALSE(has(returning, "value=\"defect\""));
  EXPECT_FALSE(has(returning, "value=\"repair\""));
  // A reason that does not fit the kind is refused.
  const Response mixed = browser.post_multipart("/new?lang=en",
                                                {{"step", "case"},
                                                 {"picking", "1"},
                                                 {"order", "N1001"},
                                                 {"email", "jan@example.pl"},
                                                 {"kind", "complaint"},
                                                 {"pick_0", "1"},
                                                 {"qty_0", "1"},
                                                 {"reason_0", "better_price"}},
                                                {});
  EXPECT_EQ(mixed.status, 422);
  // An unticked line is not claimed, whatever its quantity says.
  const Response unticked = browser.post_multipart("/new?lang=en",
                                                   {{"step", "case"},
                                                    {"picking", "1"},
                                                    {"order", "N1001"},
                                                    {"email", "jan@example.pl"},
                                                    {"kind", "complaint"},
                                                    {"qty_0", "1"},
                                                    {"reason_0", "defect"}},
                                                   {});
  EXPECT_EQ(unticked.status, 422);
  EXPECT_TRUE(has(unticked, "Tick at least one item."));
}

TEST_F(StatusPage, ALineClaimedInFullLinksTheCaseThatHoldsIt) {
  Browser browser(*app_);
  browser.prime();
  const Response opened = browser.post_multipart("/new",
                                                 {{"step", "case"},
                                                  {"picking", "1"},
                                                  {"order", "N1001"},
                                                  {"email", "jan@example.pl"},
                                                  {"kind", "complaint"},
                                                  {"pick_0", "1"},
                                                  {"qty_0", "2"},
                                                  {"reason_0", "defect"}},
                                                 {});
  ASSERT_EQ(opened.status, 303);
  const std::string token = token_of(opened.header("Location"));
  const Response items = browser.post(
      "/new?lang=en", {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}});
  EXPECT_TRUE(has(items, "This item is already in case: <a href=\"/c/" + token));
  EXPECT_TRUE(has(items, "RC-2026-000001</a>"));
  EXPECT_FALSE(has(items, "At most 0"));
  EXPECT_FALSE(has(items, "name=\"pick_0\""));
  EXPECT_TRUE(has(items, "name=\"pick_1\""));
}

}  // namespace
}  // namespace reclaim::http::testing
