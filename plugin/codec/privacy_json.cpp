#include "codec/privacy_json.hpp"

#include <boost/json/array.hpp>

#include "codec/case_json.hpp"
#include "codec/outbox_json.hpp"
#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "codec/views_json.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

json::value text_or_null(const std::string &text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

}  // namespace

SubjectRequest subject_request_from_json(const json::value &document, bool erasure) {
  Fields fields(document, "");
  SubjectRequest request;
  request.shop = fields.id("shop").value_or("default");
  const auto email = fields.text("email", kMaxIdBytes);
  if (!email || email->empty()) fail(Status::invalid_argument, "required", "email");
  request.email = *email;
  if (erasure) {
    request.actor = actor_from(fields);
    request.reason = fields.required_text("reason", kMaxTextBytes);
  }
  fields.finish();
  return request;
}

json::object to_json(const SubjectExport &data) {
  json::array cases, orders, messages, received, files;
  for (const auto &record : data.cases) {
    json::object c = case_to_json(record.subject);
    c.erase("supplier_claims");  // the shop's dealings with its suppliers, not the customer's data
    json::array history;
    for (const auto &entry : record.history) {
      json::object e = history_to_json(entry);
      e["internal"] = !entry.customer_visible;
      history.push_back(std::move(e));
    }
    c["history"] = std::move(history);
    cases.push_back(std::move(c));
  }
  for (const auto &order : data.orders) orders.push_back(to_json(order));
  for (const auto &message : data.messages) {
    json::object m = to_json(message);
    m.erase("seq");  // the shop's cursor, not the person's data
    messages.push_back(std::move(m));
  }
  for (const auto &mail : data.received) {
    received.push_back(json::object{{"id", mail.id},
                                    {"case_number", text_or_null(mail.case_number)},
                                    {"received_at", format_rfc3339(mail.received_at)},
                                    {"from", mail.from_address},
                                    {"name", text_or_null(mail.from_name)},
                                    {"subject", mail.subject},
                                    {"text", text_or_null(mail.text)}});
  }
  for (const auto &file : data.attachments) files.push_back(to_json(file));
  return {{"shop", data.shop},
          {"email", data.email},
          {"generated_at", format_rfc3339(data.generated_at)},
          {"cases", std::move(cases)},
          {"orders", std::move(orders)},
          {"messages", std::move(messages)},
          {"received_mails", std::move(received)},
          {"attachments", std::move(files)}};
}

json::object to_json(const Erasure &erasure) {
  json::array kept;
  for (const auto &k : erasure.kept) kept.push_back(json::object{{"case", k.number}, {"why", k.why}});
  return {{"erasure", erasure.id},
          {"shop", erasure.shop},
          {"at", format_rfc3339(erasure.at)},
          {"erased", json::object{{"cases", erasure.cases},
                                  {"orders", erasure.orders},
                                  {"messages", erasure.messages},
                                  {"attachments", erasure.attachments},
                                  {"received_mails", erasure.received}}},
          {"kept", std::move(kept)}};
}

}  // namespace reclaim::codec
