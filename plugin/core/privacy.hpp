// Personal data (GDPR art. 15, 17 and 5(1)(e)): what a person's export holds, and erasure as
// anonymisation that keeps what the statistics need (dates, amounts, SKUs, reasons, states,
// ratings) and removes the rest: names, addresses, e-mail, phone, every text a person wrote.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/attachment.hpp"
#include "core/model.hpp"
#include "core/outbox.hpp"
#include "core/views.hpp"

namespace reclaim {

// Who asks for a person's data or its erasure, about whom, in which shop.
struct SubjectRequest {
  std::string shop;
  std::string email;
  Actor actor;
  std::string reason;  // erasure: why (a request, a retention rule); kept without personal data
};

// An e-mail a customer sent, as the shop keeps it.
struct ReceivedMail {
  std::string id;
  std::string case_number;  // empty for a draft no case took
  UnixMs received_at = 0;
  std::string from_address, from_name, subject, text;
};

// Everything of one person in one shop (art. 15): cases with their whole history (entries staff
// alone see are marked internal), orders, mails sent and received, and the files with their bytes.
struct SubjectExport {
  std::string shop, email;
  UnixMs generated_at = 0;
  std::vector<CaseRecord> cases;
  std::vector<Order> orders;
  std::vector<OutboxMessage> messages;
  std::vector<ReceivedMail> received;
  std::vector<Attachment> attachments;
};

// A case an erasure left whole, and why ("open": the case is still being handled; "legal_hold").
struct KeptCase {
  std::string number;
  std::string why;
};

// What one erasure did; recorded under its id without personal data.
struct Erasure {
  std::string id;  // "e_…"
  std::string shop;
  UnixMs at = 0;
  Actor actor;
  std::string reason;
  int cases = 0, orders = 0, messages = 0, attachments = 0, received = 0;
  std::vector<KeptCase> kept;
};

// The values that identify a person, looked for in free text (at least 3 characters each).
struct Traces {
  std::vector<std::string> values;  // lower-case (ASCII letters) for the comparison
  void add(const std::string &value);
  void add(const Customer &customer);
  void add(const Address &address);
  bool found_in(const std::string &text) const;
};

// The address erased people get: stable within one erasure (so counts of distinct customers keep
// their figures), unrelated to the person.
std::string erased_address(const std::string &erasure_id);

// Why a case must be kept whole, or "" when its personal data may go.
std::string reason_to_keep(const Case &subject);
// A finished case: retention counts from its last change.
bool finished(State state);

// Empties every free-text member (messages, comments, notes, names, addresses) and every other
// string holding a trace, at any depth; e-mail members become `pseudonym` and links to the
// case's page go. Numbers, dates, states and codes stay.
void scrub(boost::json::value &value, const Traces &traces, const std::string &pseudonym);
void scrub(boost::json::object &object, const Traces &traces, const std::string &pseudonym);
std::string scrubbed(const std::string &text, const Traces &traces);

// The case without its customer: the customer becomes `pseudonym`; what they wrote, their
// name, phone and item notes go; its status links stop working; it is stamped anonymised.
void anonymise(Case &subject, const std::string &pseudonym, const Traces &traces, UnixMs at);
void anonymise(Order &order, const std::string &pseudonym, const Traces &traces);
void anonymise(HistoryEntry &entry, const std::string &pseudonym, const Traces &traces);
// A mail or webhook of the case: no recipient address, no text; an unsent one is never sent.
void anonymise(OutboxMessage &message, const std::string &pseudonym, const Traces &traces,
               UnixMs at);

}  // namespace reclaim
