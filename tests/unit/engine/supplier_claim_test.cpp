// Supplier claims (CONTRACT §7) on each backend: the shop claims the cost of defective goods back
// from its supplier, by its own target date; the answer (accepted with what was recovered, or
// rejected with the supplier's reasons) is kept with the case; a late answer raises the deadline
// alerts and shows as overdue; reports by supplier count claims and what came back.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "codec/order_json.hpp"
#include "codec/privacy_json.hpp"
#include "codec/report_json.hpp"
#include "codec/requests.hpp"
#include "codec/views_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr const char *kStaff = R"("actor":{"role":"agent","id":"anna"})";

// A kettle shop: order K-1 holds two kettles at 149.99 PLN from the supplier Elektro and a
// filter at 20.00 from Filtry; the clock stands at 1 December 2026, 11:00 in Warsaw.
class SupplierClaimOn : public ::testing::TestWithParam<std::string> {
 protected:
  Engine engine{[this] {
    EngineConfig config;
    config.storage.database = test::fresh_database(GetParam());
    config.manual_clock = true;
    ShopConfig shop;
    shop.currency = "PLN";
    shop.timezone = "Europe/Warsaw";
    config.shops = {shop};
    return config;
  }()};

  void SetUp() override {
    engine.set_clock(*parse_rfc3339("2026-12-01T10:00:00Z"));
    const json::value order{
        {"id", "K-1"},
        {"number", "2026/11/0042"},
        {"currency", "PLN"},
        {"placed_at", "2026-11-20T09:00:00Z"},
        {"delivered_at", "2026-11-23T12:00:00Z"},
        {"customer", {{"email", "jan@example.pl"}, {"name", "Jan Kowalski"}}},
        {"lines", json::array{json::object{{"id", "1"}, {"sku", "KET-1"}, {"name", "Czajnik"},
                                           {"qty", 2}, {"unit_price", "149.99"},
                                           {"supplier", "Elektro"}},
                              json::object{{"id", "2"}, {"sku", "FIL-1"}, {"name", "Filtr"},
                                           {"qty", 1}, {"unit_price", "20.00"},
                                           {"supplier", "Filtry"}}}}};
    engine.import_order("default", codec::order_from_json(order));
    id = open_complaint();
  }

  std::string open_complaint() {
    const auto doc = json::parse(
        R"({"kind":"complaint","actor":{"role":"customer"},"order_id":"K-1",
            "customer":{"email":"jan@example.pl"},
            "items":[{"line":"1","qty":2,"reason":"defect"},{"line":"2","qty":1,"reason":"defect"}]})");
    return engine.open_case(codec::open_request_from_json(doc), json::serialize(doc)).subject.id;
  }
  json::object act(const std::string &body) {
    const auto doc = json::parse("{" + std::string(kStaff) + "," + body + "}");
    return codec::to_json(engine.act(id, codec::action_request_from_json(doc), json::serialize(doc)));
  }
  // The refusal of an action, after checking that it changed nothing.
  Error refused(const std::string &body) {
    const auto before = codec::to_json(engine.get_case(id));
    try {
      act(body);
    } catch (const Error &error) {
      EXPECT_EQ(codec::to_json(engine.get_case(id)), before) << body;
      return error;
    }
    ADD_FAILURE() << "accepted: " << body;
    return Error(Status::internal, "accepted");
  }
  json::array claims() { return codec::to_json(engine.get_case(id)).at("supplier_claims").as_array(); }
  json::array events_of(const std::string &type) {
    json::array found;
    const json::object page = codec::to_json(engine.read_events({}));
    for (const auto &event : page.at("events").as_array()) {
      if (event.at("type") == type.c_str()) found.push_back(event);
    }
    return found;
  }
  json::object by_supplier(const std::string &extra = "") {
    return codec::to_json(engine.report(codec::report_query_from_json(json::parse(
        R"({"from":"2026-11-01","to":"2027-03-31","group_by":"supplier")" + extra + "}"))));
  }
  static json::object group(const json::object &report, const std::string &key) {
    for (const auto &g : report.at("groups").as_array()) {
      if (g.at("key") == key.c_str()) return g.as_object();
    }
    throw std::runtime_error("no group " + key);
  }

  std::string id;
};

INSTANTIATE_TEST_SUITE_P(Backends, SupplierClaimOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(SupplierClaimOn, AClaimTakesEveryUnitAtItsPriceDueByTheShopsTarget) {
  const auto before = engine.get_case(id).subject;
  const auto doc = act(R"("action":"claim_supplier","supplier":"Elektro","reference":"RK/7",
                          "items":[{"line":"1"}],"message":"both heat elements burnt")");
  EXPECT_EQ(doc.at("state").as_string(), name(before.state));
  EXPECT_EQ(doc.at("version").as_int64(), before.version + 1);
  const auto &claim = doc.at("supplier_claims").at(0).as_object();
  EXPECT_EQ(claim.at("claim"), 1);
  EXPECT_EQ(claim.at("supplier"), "Elektro");
  EXPECT_EQ(claim.at("reference"), "RK/7");
  EXPECT_EQ(claim.at("note"), "both heat elements burnt");
  EXPECT_EQ(claim.at("items"), json::parse(R"([{"item":1,"qty":2}])"));
  EXPECT_EQ(claim.at("claimed"), json::parse(R"({"amount":"299.98","currency":"PLN"})"));
  // 30 days after 1 December, at the end of that day in Warsaw (UTC+1).
  EXPECT_TRUE(claim.at("answer_due").as_string().starts_with("2026-12-31T22:59:59"))
      << claim.at("answer_due");
  EXPECT_TRUE(claim.at("answer").is_null());
  EXPECT_EQ(claim.at("overdue"), false);
  // The shop's business, not the customer's: an internal entry and a staff-only event.
  const auto &last = doc.at("history").as_array().back().as_object();
  EXPECT_EQ(last.at("action"), "claim_supplier");
  EXPECT_EQ(last.at("customer_visible"), false);
  const auto claimed = events_of("case.supplier_claimed");
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].at("customer_visible"), false);
  EXPECT_EQ(claimed[0].at("data").at("claim").at("supplier"), "Elektro");
  EXPECT_TRUE(events_of("case.state_changed").empty());
}

TEST_P(SupplierClaimOn, WithoutItemsTheClaimTakesTheSuppliersGoodsNotClaimedYet) {
  // The order's lines say who supplied what: Filtry's claim takes the filter alone.
  auto doc = act(R"("action":"claim_supplier","supplier":"Filtry")");
  EXPECT_EQ(doc.at("supplier_claims").at(0).at("items"), json::parse(R"([{"item":2,"qty":1}])"));
  EXPECT_EQ(doc.at("supplier_claims").at(0).at("claimed"),
            json::parse(R"({"amount":"20.00","currency":"PLN"})"));
  act(R"("action":"claim_supplier","supplier":"Elektro","items":[{"item":1,"qty":1}])");
  doc = act(R"("action":"claim_supplier","supplier":"Elektro","amount":"50.00","currency":"PLN")");
  const auto &third = doc.at("supplier_claims").at(2).as_object();
  EXPECT_EQ(third.at("claim"), 3);
  EXPECT_EQ(third.at("items"), json::parse(R"([{"item":1,"qty":1}])"));
  EXPECT_EQ(third.at("claimed"), json::parse(R"({"amount":"50.00","currency":"PLN"})"));
  const Error again = refused(R"("action":"claim_supplier","supplier":"Filtry")");
  EXPECT_EQ(again.status(), Status::not_allowed);
  EXPECT_EQ(again.rule(), "already_claimed");
  // A supplier no line names (a wholesaler, say) is claimed for what is left: nothing here.
  EXPECT_EQ(refused(R"("action":"claim_supplier","supplier":"Hurtownia AGD")").rule(),
            "already_claimed");
}

TEST_P(SupplierClaimOn, AnAcceptedClaimRecoversTheAmountClaimedOrWhatTheSupplierGives) {
  act(R"("action":"claim_supplier","supplier":"Elektro","items":[{"line":"1"}])");
  act(R"("action":"claim_supplier","supplier":"Filtry","items":[{"line":"2"}])");
  // Two claims are open: the answer must say which.
  EXPECT_EQ(refused(R"("action":"supplier_answer","answer":"accepted")").field(), "claim");
  auto doc = act(R"("action":"supplier_answer","claim":1,"answer":"accepted","reference":"KOR/12")");
  const auto &first = doc.at("supplier_claims").at(0).as_object();
  EXPECT_EQ(first.at("answer"), "accepted");
  EXPECT_EQ(first.at("recovered"), json::parse(R"({"amount":"299.98","currency":"PLN"})"));
  EXPECT_EQ(first.at("answer_reference"), "KOR/12");
  EXPECT_EQ(first.at("answered_at"), "2026-12-01T10:00:00Z");
  // Only one is open now: it is the default.
  doc = act(R"("action":"supplier_answer","answer":"accepted","amount":"15.50","currency":"PLN")");
  EXPECT_EQ(doc.at("supplier_claims").at(1).at("recovered"),
            json::parse(R"({"amount":"15.50","currency":"PLN"})"));
  const auto answered = events_of("case.supplier_answered");
  ASSERT_EQ(answered.size(), 2u);
  EXPECT_EQ(answered[1].at("data").at("claim").at("answer"), "accepted");
  const Error twice = refused(R"("action":"supplier_answer","claim":1,"answer":"rejected")");
  EXPECT_EQ(twice.rule(), "already_answered");
  EXPECT_EQ(refused(R"("action":"supplier_answer","answer":"accepted")").rule(), "no_open_claim");
}

TEST_P(SupplierClaimOn, ARejectedClaimKeepsTheSuppliersReasonsAndFreesTheUnits) {
  act(R"("action":"claim_supplier","supplier":"Elektro")");
  EXPECT_EQ(refused(R"("action":"supplier_answer","answer":"rejected","amount":"1.00","currency":"PLN")")
                .field(),
            "amount");
  EXPECT_EQ(refused(R"("action":"supplier_answer","answer":"accepted","reason":"no")").field(),
            "reason");
  const auto doc = act(R"("action":"supplier_answer","answer":"rejected",
                          "reason":"damage caused by limescale, not covered")");
  const auto &claim = doc.at("supplier_claims").at(0).as_object();
  EXPECT_EQ(claim.at("answer"), "rejected");
  EXPECT_EQ(claim.at("answer_reason"), "damage caused by limescale, not covered");
  EXPECT_FALSE(claim.contains("recovered"));
  // A rejected claim's units may be claimed again (from another supplier, say).
  const auto again = act(R"("action":"claim_supplier","supplier":"Hurtownia AGD")");
  EXPECT_EQ(again.at("supplier_claims").at(1).at("items"),
            json::parse(R"([{"item":1,"qty":2},{"item":2,"qty":1}])"));
}

TEST_P(SupplierClaimOn, ALateAnswerRaisesTheAlertsAndShowsAsOverdue) {
  act(R"("action":"claim_supplier","supplier":"Elektro","items":[{"line":"1"}])");
  const auto due = *parse_rfc3339(claims().at(0).at("answer_due").as_string());
  engine.set_clock(due - 2 * kMsPerDay);
  engine.tick();
  bool warned = false;
  for (const auto &event : events_of("case.deadline_at_risk")) {
    const auto &data = event.at("data");
    if (data.at("deadline") != "supplier_answer_due") continue;
    warned = true;
    EXPECT_EQ(data.at("claim"), 1);
    EXPECT_EQ(data.at("supplier"), "Elektro");
    EXPECT_EQ(data.at("hours_before"), 72);
  }
  EXPECT_TRUE(warned);
  EXPECT_EQ(claims().at(0).at("overdue"), false);

  engine.set_clock(due + 60'000);
  engine.tick();
  int breaches = 0;
  for (const auto &event : events_of("case.deadline_breached")) {
    if (event.at("data").at("deadline") == "supplier_answer_due") ++breaches;
  }
  EXPECT_EQ(breaches, 1);
  EXPECT_EQ(claims().at(0).at("overdue"), true);
  const auto report = by_supplier();
  EXPECT_EQ(group(report, "Elektro").at("supplier_claims"),
            json::parse(R"({"made":1,"open":1,"overdue":1,"accepted":0,"rejected":0,
                            "claimed":[{"amount":"299.98","currency":"PLN"}],"recovered":[]})"));
  // Answered late, it is late no more; a second tick sends nothing again.
  act(R"("action":"supplier_answer","answer":"rejected")");
  EXPECT_EQ(claims().at(0).at("overdue"), false);
  engine.tick();
  breaches = 0;
  for (const auto &event : events_of("case.deadline_breached")) {
    if (event.at("data").at("deadline") == "supplier_answer_due") ++breaches;
  }
  EXPECT_EQ(breaches, 1);
}

TEST_P(SupplierClaimOn, ThePolicySetsTheDaysASupplierIsGiven) {
  set_policy(engine, "default", json::parse(R"({"sla":{"supplier_answer_days":7}})"));
  act(R"("action":"claim_supplier","supplier":"Elektro")");
  // 8 December 2026 is a Tuesday, a working day.
  EXPECT_TRUE(claims().at(0).at("answer_due").as_string().starts_with("2026-12-08T22:59:59"));
}

TEST_P(SupplierClaimOn, ReportsBySupplierCountClaimsAndWhatCameBack) {
  act(R"("action":"claim_supplier","supplier":"Elektro","items":[{"line":"1"}])");
  act(R"("action":"claim_supplier","supplier":"Filtry","items":[{"line":"2"}])");
  act(R"("action":"supplier_answer","claim":1,"answer":"accepted","amount":"250.00","currency":"PLN")");
  act(R"("action":"supplier_answer","claim":2,"answer":"rejected")");
  const auto report = by_supplier();
  EXPECT_EQ(group(report, "Elektro").at("supplier_claims"),
            json::parse(R"({"made":1,"open":0,"overdue":0,"accepted":1,"rejected":0,
                            "claimed":[{"amount":"299.98","currency":"PLN"}],
                            "recovered":[{"amount":"250.00","currency":"PLN"}]})"));
  EXPECT_EQ(group(report, "Filtry").at("supplier_claims").at("rejected"), 1);
  EXPECT_EQ(report.at("totals").at("supplier_claims").at("made"), 2);
  EXPECT_EQ(report.at("totals").at("supplier_claims").at("recovered"),
            json::parse(R"([{"amount":"250.00","currency":"PLN"}])"));
  // The kind filter holds for claims too: no return was claimed from a supplier.
  EXPECT_EQ(by_supplier(R"(,"kind":"return")").at("totals").at("supplier_claims").at("made"), 0);
  // The CSV grouped by supplier carries the columns.
  const auto csv = engine.report(codec::report_query_from_json(json::parse(
      R"({"from":"2026-11-01","to":"2027-03-31","group_by":"supplier","format":"csv"})")));
  const std::string text = codec::report_to_csv(csv.figures);
  EXPECT_NE(text.find("supplier_claims_made"), std::string::npos) << text;
  EXPECT_NE(text.find("recovered_PLN"), std::string::npos) << text;
}

TEST_P(SupplierClaimOn, ClaimsOutliveTheCustomersCaseAndSurviveAReopening) {
  act(R"("action":"accept","resolution":{"type":"refund"})");
  act(R"("action":"fulfil","reference":"R-1")");
  act(R"("action":"claim_supplier","supplier":"Elektro")");
  act(R"("action":"reopen","reason":"the customer disputes the amount")");
  EXPECT_EQ(claims().size(), 1u);
  act(R"("action":"supplier_answer","answer":"accepted")");
  EXPECT_EQ(claims().at(0).at("answer"), "accepted");
}

TEST_P(SupplierClaimOn, TheSuppliersAnswerIsRecordedAfterTheCustomersDataIsErased) {
  act(R"("action":"reject","reason":"the kettle was dropped")");
  act(R"("action":"claim_supplier","supplier":"Elektro")");
  // What the customer may ask to see leaves out the shop's dealings with its supplier.
  const auto exported = codec::to_json(
      engine.subject_export({"default", "jan@example.pl", {Role::supervisor, "s"}, ""}));
  ASSERT_EQ(exported.at("cases").as_array().size(), 1u);
  EXPECT_FALSE(exported.at("cases").at(0).as_object().contains("supplier_claims"));
  const Erasure erased = engine.subject_erase(
      {"default", "jan@example.pl", {Role::supervisor, "s"}, "the customer asked"});
  ASSERT_EQ(erased.cases, 1);
  ASSERT_TRUE(engine.get_case(id).subject.anonymised_at);
  // No new claim on an erased case, but the supplier's answer to an open one is still the shop's,
  // without free text, and its event brings back neither the address nor a working link.
  EXPECT_EQ(refused(R"("action":"claim_supplier","supplier":"Filtry")").rule(), "anonymised");
  EXPECT_EQ(refused(R"("action":"supplier_answer","answer":"rejected","reason":"Jan K. dropped it")")
                .rule(),
            "anonymised");
  // The claim is still watched: its deadline passes, and the breach is told once.
  engine.set_clock(*parse_rfc3339(claims().at(0).at("answer_due").as_string()) + 60'000);
  engine.tick();
  int breaches = 0;
  for (const auto &event : events_of("case.deadline_breached")) {
    if (event.at("data").at("deadline") == "supplier_answer_due") ++breaches;
    EXPECT_FALSE(event.at("data").as_object().contains("status_token"));
  }
  EXPECT_EQ(breaches, 1);
  act(R"("action":"supplier_answer","answer":"accepted","amount":"100.00","currency":"PLN")");
  EXPECT_EQ(claims().at(0).at("recovered"), json::parse(R"({"amount":"100.00","currency":"PLN"})"));
  const auto answered = events_of("case.supplier_answered");
  ASSERT_EQ(answered.size(), 1u);
  for (const char *key : {"status_token", "status_url", "customer_email"}) {
    EXPECT_FALSE(answered[0].at("data").as_object().contains(key)) << key;
  }
}

TEST_P(SupplierClaimOn, BadClaimsAreRefusedNamingTheirFieldAndChangeNothing) {
  struct Refusal {
    const char *body, *field;
    Status status;
  };
  const Refusal cases[] = {
      {R"("action":"claim_supplier")", "supplier", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"")", "supplier", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"   ")", "supplier", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","amount":"1000000000.01","currency":"PLN")",
       "amount", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","items":[{"item":9}])", "items[0]",
       Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","items":[{"line":"1","qty":3}])",
       "items[0].qty", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","items":[{"line":"1","condition":"used"}])",
       "items[0].condition", Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","amount":"0","currency":"PLN")", "amount",
       Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","amount":"-5","currency":"PLN")", "amount",
       Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","amount":"5")", "currency",
       Status::invalid_argument},
      {R"("action":"claim_supplier","supplier":"E","answer":"accepted")", "answer",
       Status::invalid_argument},
      {R"("action":"supplier_answer","answer":"maybe")", "answer", Status::invalid_argument},
      {R"("action":"supplier_answer","answer":"accepted","claim":0)", "claim",
       Status::invalid_argument},
      {R"("action":"supplier_answer","answer":"accepted","claim":4)", "claim",
       Status::invalid_argument},
      {R"("action":"supplier_answer")", "answer", Status::invalid_argument},
  };
  for (const auto &c : cases) {
    const Error error = refused(c.body);
    EXPECT_EQ(error.status(), c.status) << c.body << ": " << error.what();
    EXPECT_EQ(error.field(), c.field) << c.body << ": " << error.what();
  }
  // The customer does not claim from the shop's suppliers; a cancelled case claims nothing.
  const auto doc = json::parse(R"({"action":"claim_supplier","actor":{"role":"customer"},"supplier":"E"})");
  try {
    engine.act(id, codec::action_request_from_json(doc), json::serialize(doc));
    ADD_FAILURE() << "a customer claimed from a supplier";
  } catch (const Error &error) {
    EXPECT_EQ(error.rule(), "role_not_allowed");
  }
  act(R"("action":"cancel","reason":"opened by mistake")");
  EXPECT_EQ(refused(R"("action":"claim_supplier","supplier":"E")").status(), Status::not_allowed);
  EXPECT_TRUE(claims().empty());
}

}  // namespace
}  // namespace reclaim
