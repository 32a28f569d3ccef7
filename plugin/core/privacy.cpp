#include "core/privacy.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string_view>

#include "core/text.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

// Members that hold what a person wrote or what identifies them, wherever they appear in a
// case's history, its events or a host's order document.
constexpr std::string_view kFreeText[] = {
    "message", "comment",  "explanation", "instructions", "note",     "description",
    "text",    "body",     "subject",     "html",         "name",     "email",
    "phone",   "address",  "status_token",
    "first_name",  "last_name",    "street",   "city",
    "postcode", "zip",     "line1",       "line2",        "serial",   "company"};

bool free_text(std::string_view key) {
  return std::find(std::begin(kFreeText), std::end(kFreeText), key) != std::end(kFreeText);
}

}  // namespace

void Traces::add(const std::string &value) {
  if (value.size() < 3) return;  // too short to tell a person from anything else
  std::string low = ascii_lower(value);
  if (std::find(values.begin(), values.end(), low) == values.end()) values.push_back(low);
}

void Traces::add(const Customer &customer) {
  add(customer.email);
  add(customer.name);
  add(customer.phone);
}

void Traces::add(const Address &address) {
  add(address.line1);
  add(address.line2);
  add(address.postcode);
  add(address.city);
}

bool Traces::found_in(const std::string &text) const {
  if (text.empty()) return false;
  const std::string low = ascii_lower(text);
  return std::any_of(values.begin(), values.end(),
                     [&](const std::string &v) { return low.find(v) != std::string::npos; });
}

std::string erased_address(const std::string &erasure_id) {
  return "erased-" + erasure_id + "@erased.invalid";
}

bool finished(State state) {
  return state == State::rejected || state == State::resolved || state == State::closed ||
         state == State::cancelled;
}

std::string reason_to_keep(const Case &subject) {
  if (subject.legal_hold) return "legal_hold";
  if (!finished(subject.state)) return "open";
  return {};
}

std::string scrubbed(const std::string &text, const Traces &traces) {
  return traces.found_in(text) ? std::string() : text;
}

void scrub(json::object &object, const Traces &traces, const std::string &pseudonym) {
  object.erase("status_url");  // a link to the case's page, which no longer opens
  for (auto &member : object) {
    json::value &v = member.value();
    const std::string_view key = member.key();
    if (!v.is_string()) {
      scrub(v, traces, pseudonym);
    } else if (key == "email" || key == "customer_email") {
      v = pseudonym;  // still an address, for the documents that need one
    } else if (free_text(key) || traces.found_in(std::string(v.get_string()))) {
      v = "";
    }
  }
}

void scrub(json::value &value, const Traces &traces, const std::string &pseudonym) {
  if (auto *object = value.if_object()) {
    scrub(*object, traces, pseudonym);
  } else if (auto *array = value.if_array()) {
    for (auto &element : *array) scrub(element, traces, pseudonym);
  } else if (auto *text = value.if_string()) {
    if (traces.found_in(std::string(*text))) *text = "";
  }
}

namespace {

void anonymise(Actor &actor, const std::string &pseudonym, const Traces &traces) {
  if (actor.role == Role::customer || traces.found_in(actor.id)) actor.id = pseudonym;
}

}  // namespace

void anonymise(Case &subject, const std::string &pseudonym, const Traces &traces, UnixMs at) {
  subject.customer.email = pseudonym;
  subject.customer.name.clear();
  subject.customer.phone.clear();
  subject.customer.id.clear();
  anonymise(subject.opened_by, pseudonym, traces);
  anonymise(subject.decided_by, pseudonym, traces);
  subject.description.clear();
  subject.reject_reason = scrubbed(subject.reject_reason, traces);
  subject.fulfil_reference = scrubbed(subject.fulfil_reference, traces);
  for (auto &item : subject.items) {
    item.note.clear();
    item.serial.clear();
    item.decision.reason = scrubbed(item.decision.reason, traces);
  }
  if (subject.rating) subject.rating->comment.clear();
  // The supplier, the references and what was recovered are the shop's business, not the
  // customer's; the notes and the supplier's reasons are free text that may name them.
  for (auto &claim : subject.supplier_claims) {
    claim.note.clear();
    claim.answer_reason = scrubbed(claim.answer_reason, traces);
  }
  std::erase_if(subject.tags, [&](const std::string &tag) { return traces.found_in(tag); });
  scrub(subject.extra, traces, pseudonym);
  subject.link_version += 1;  // a link someone kept opens nothing any more
  subject.anonymised_at = at;
}

void anonymise(Order &order, const std::string &pseudonym, const Traces &traces) {
  order.customer.email = pseudonym;
  order.customer.name.clear();
  order.customer.phone.clear();
  order.customer.id.clear();
  order.shipping_address.reset();
  scrub(order.extra, traces, pseudonym);
  scrub(order.host, traces, pseudonym);
}

void anonymise(HistoryEntry &entry, const std::string &pseudonym, const Traces &traces) {
  anonymise(entry.actor, pseudonym, traces);
  scrub(entry.data, traces, pseudonym);
}

void anonymise(OutboxMessage &message, const std::string &pseudonym, const Traces &traces,
               UnixMs at) {
  if (message.channel == Channel::mail && traces.found_in(message.to)) message.to = pseudonym;
  message.subject.clear();
  message.text.clear();
  message.html.clear();
  for (auto &[name, value] : message.headers) {
    if (name == "To") value = message.to;
    value = scrubbed(value, traces);
  }
  if (message.status == Delivery::pending) {
    message.status = Delivery::dead;
    message.last_error = "personal data erased before delivery";
    message.next_attempt_at = at;
  }
}

}  // namespace reclaim
