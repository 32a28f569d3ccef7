#include "codec/outbox_json.hpp"

#include <cstdint>

#include "codec/reader.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace json = boost::json;

OutboxQuery message_query_from_json(const json::value &document) {
  Fields fields(document, "");
  OutboxQuery query;
  query.after = fields.integer("after", 0, INT64_MAX).value_or(0);
  query.limit = static_cast<int>(fields.integer("limit", 1, 1000).value_or(100));
  query.shop = fields.id("shop").value_or("");
  if (auto status = fields.text("status", 16)) query.status = delivery_from_name(*status, "status");
  static constexpr std::string_view kChannels[] = {"mail", "webhook"};
  if (fields.word("channel", kChannels).value_or("mail") == "webhook") {
    query.channel = Channel::webhook;
  }
  fields.finish();
  return query;
}

MessageAck message_ack_from_json(const json::value &document) {
  Fields fields(document, "");
  MessageAck ack;
  const auto *ids = fields.array("ids", 1000);
  if (!ids || ids->empty()) fail(Status::invalid_argument, "required: 1 to 1000 message ids", "ids");
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const auto *id = (*ids)[i].if_string();
    if (!id || id->empty() || id->size() > 64) {
      fail(Status::invalid_argument, "expected a message id", field_path("ids", i));
    }
    ack.ids.emplace_back(*id);
  }
  static constexpr std::string_view kResults[] = {"sent", "failed", "retry"};
  const auto result = fields.word("result", kResults);
  if (!result) fail(Status::invalid_argument, "required: \"sent\", \"failed\" or \"retry\"", "result");
  ack.result = *result == "sent" ? Delivery::sent : *result == "failed" ? Delivery::failed
                                                                       : Delivery::pending;
  ack.error = fields.text("error", 2000).value_or("");
  fields.finish();
  return ack;
}

MailPreviewRequest mail_preview_from_json(const json::value &document) {
  Fields fields(document, "");
  MailPreviewRequest request;
  request.template_name = fields.text("template", 64).value_or("");
  if (request.template_name.empty()) fail(Status::invalid_argument, "required: a template name", "template");
  request.case_ref = fields.text("case", 64).value_or("");
  if (request.case_ref.empty()) fail(Status::invalid_argument, "required: a case id or number", "case");
  request.locale = fields.text("locale", 8).value_or("");
  fields.finish();
  return request;
}

json::object to_json(const MailPreview &preview) {
  return {{"template", preview.template_name}, {"locale", preview.locale},
          {"to", preview.to},                  {"subject", preview.subject},
          {"text", preview.text},              {"html", preview.html},
          {"event_seq", preview.event_seq},    {"event_type", preview.event_type}};
}

json::object to_json(const OutboxMessage &m) {
  json::object headers;
  for (const auto &[key, value] : m.headers) headers[key] = value;
  json::object out{{"id", m.id},
                   {"seq", m.seq},
                   {"channel", name(m.channel)},
                   {"event_seq", m.event_seq},
                   {"event_type", m.event_type},
                   {"case_id", m.case_id},
                   {"case_number", m.case_number},
                   {"shop", m.shop},
                   {"to", m.to},
                   {"locale", m.locale},
                   {"template", m.template_name},
                   {"subject", m.subject},
                   {"text", m.text},
                   {"html", m.html},
                   {"headers", std::move(headers)},
                   {"status", name(m.status)},
                   {"attempts", m.attempts}};
  if (!m.last_error.empty()) out["error"] = m.last_error;
  return out;
}

json::object to_json(const MessagePage &page) {
  json::array messages;
  for (const auto &m : page.messages) messages.push_back(to_json(m));
  return {{"messages", std::move(messages)}, {"next", page.next}};
}

}  // namespace reclaim::codec
