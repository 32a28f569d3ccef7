// A case's document built in the memory it is given (a buffer on the stack for the stored body
// and the C ABI's answer) is the same document as in the default memory, and reads back whole;
// and the answer built on the stored document is the answer built whole.
#include "codec/case_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/views_json.hpp"

namespace reclaim::codec {
namespace {

Money pln(const char *amount) { return Money{*Decimal::parse(amount), "PLN"}; }

// Every part of a case that has a document of its own, and strings longer than fit in a node.
Case decided_case() {
  Case c;
  c.id = "c_0190f3a4b5c6d7e8f9a0b1c2d3e4f5a6";
  c.number = "RMA-2026-000042";
  c.shop = "main";
  c.kind = Kind::complaint;
  c.state = State::resolved;
  c.channel = "web";
  c.version = 7;
  c.created_at = 1'790'000'000'000;
  c.updated_at = 1'790'086'400'123;
  c.opened_by = Actor{Role::customer, "anna@example.com"};
  c.order_id = "100045";
  c.customer = {"anna@example.com", "Anna Kowalska-Wiśniewska", "pl", "consumer", "+48600100200",
                "cust-77"};
  CaseItem item;
  item.item = 1;
  item.line = "L1";
  item.sku = "KETTLE-2000";
  item.name = "Czajnik elektryczny 2000 W ze stali nierdzewnej";
  item.qty = 2;
  item.unit_price = pln("199.99");
  item.reason = "defect";
  item.serial = "SN-0042-AB";
  item.note = "Przecieka przy uchwycie po dwóch tygodniach.";
  item.decision.outcome = ItemDecision::Outcome::accepted;
  item.decision.qty = 1;
  item.decision.resolution = Resolution{ResolutionType::refund, pln("199.99")};
  item.decision.reason = "Wada potwierdzona w serwisie.";
  item.received_qty = 1;
  item.condition = "damaged";
  item.disposed = {{"scrap", 1}};
  c.items.push_back(item);
  c.items.push_back(CaseItem{2, "", "", "Filtr", 1});
  c.description = "Czajnik przecieka.";
  c.preferred_resolution = "refund";
  c.assignee = "ewa";
  c.priority = "high";
  c.tags = {"defect", "a tag longer than a short string's room"};
  c.escalated = true;
  c.deadlines.first_response_due = 1'790'100'000'000;
  c.deadlines.decision_due = 1'791'209'600'000;
  c.deadlines.basis = "PL: art. 7a ustawy o prawach konsumenta (14 dni)";
  c.deadlines.penalty_percent_per_day = 1;
  c.first_response_at = 1'790'050'000'000;
  c.decided_at = 1'790'080'000'000;
  c.decided_by = Actor{Role::agent, "ewa"};
  c.partial = true;
  c.resolved_at = 1'790'086'400'123;
  c.fulfil_reference = "refund-8812";
  c.ended_at = c.resolved_at;
  c.link_version = 2;
  c.rating = Rating{5, "Szybko i uprzejmie.", 1'790'090'000'000};
  c.legal_hold = "dispute before the consumer ombudsman";
  c.extra = {{"host", {{"order_key", "wc_order_abc"}}}};
  return c;
}

TEST(CaseJson, StoredTextIsTheDocumentInTheDefaultMemory) {
  const Case c = decided_case();
  const std::string text = case_to_text(c);
  EXPECT_EQ(text, boost::json::serialize(case_to_json(c)));
  // And it reads back to the same case.
  EXPECT_EQ(case_to_text(case_from_text(text)), text);
}

TEST(CaseJson, AnswerInABufferIsTheAnswerInTheDefaultMemory) {
  CaseRecord record;
  record.subject = decided_case();
  record.history.push_back(HistoryEntry{1'790'000'000'000, Actor{Role::customer, ""}, "open",
                                        State::received, State::received,
                                        boost::json::object{{"message", "Proszę o zwrot."}}, true});
  record.status_token = "c_0190f3a4b5c6d7e8f9a0b1c2d3e4f5a6.k1.2.signature";
  record.penalty = Penalty{pln("12.00"), 6};
  record.read_at = 1'791'300'000'000;
  unsigned char buffer[1024];  // smaller than the document: the arena goes on to the heap
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  const boost::json::object in_buffer = to_json(record, &arena);
  EXPECT_EQ(boost::json::serialize(in_buffer), boost::json::serialize(to_json(record)));
  EXPECT_EQ(in_buffer.at("history").as_array().size(), 1u);
  EXPECT_EQ(in_buffer.at("legal_hold").at("reason"), "dispute before the consumer ombudsman");
}

// The record a case open or an action returns: its history, its token, the stored document.
CaseRecord stored_record() {
  CaseRecord record;
  record.subject = decided_case();
  record.history.push_back(
      HistoryEntry{1'790'000'000'000, Actor{Role::customer, ""}, "open", State::received,
                   State::received, boost::json::object{{"message", "Proszę \"o\" zwrot."}}, true});
  const HistoryEntry accepted{1'790'080'000'000, Actor{Role::agent, "ewa"}, "accept",
                              State::received, State::accepted, {}, true};
  record.history.push_back(accepted);
  record.status_token = "c_0190f3a4b5c6d7e8f9a0b1c2d3e4f5a6.k1.2.signature";
  record.read_at = 1'791'300'000'000;
  record.stored_document = case_to_text(record.subject);
  return record;
}

TEST(CaseJson, AnswerOnTheStoredDocumentIsTheAnswerBuiltWhole) {
  const CaseRecord record = stored_record();
  const std::string text = to_text(record);
  EXPECT_EQ(text, boost::json::serialize(to_json(record)));
  EXPECT_EQ(boost::json::parse(text).at("history").as_array().size(), 2u);
  // With no history, and with a token cleared (an erased case), the same holds.
  CaseRecord bare = record;
  bare.history.clear();
  bare.status_token.clear();
  EXPECT_EQ(to_text(bare), boost::json::serialize(to_json(bare)));
}

TEST(CaseJson, AnswerWithSomethingInsideTheCaseIsBuiltWhole) {
  // A penalty goes inside "deadlines", late claims inside "supplier_claims": the stored document
  // does not have them, so the answer is built whole (a wrong stored document proves it).
  CaseRecord late = stored_record();
  late.penalty = Penalty{pln("12.00"), 6};
  late.stored_document = R"({"id":"not this"})";
  EXPECT_EQ(to_text(late), boost::json::serialize(to_json(late)));
  EXPECT_NE(to_text(late).find("\"penalty\""), std::string::npos);
  CaseRecord claimed = stored_record();
  SupplierClaim claim;
  claim.claim = 1;
  claim.supplier = "Elektro Sp. z o.o.";
  claim.reference = "RC-1";
  claimed.subject.supplier_claims.push_back(claim);
  claimed.stored_document = R"({"id":"not this"})";
  EXPECT_EQ(to_text(claimed), boost::json::serialize(to_json(claimed)));
  // Nor is a stored document that is not an object with members used.
  CaseRecord empty = stored_record();
  empty.stored_document = "{}";
  EXPECT_EQ(to_text(empty), boost::json::serialize(to_json(empty)));
}

}  // namespace
}  // namespace reclaim::codec
