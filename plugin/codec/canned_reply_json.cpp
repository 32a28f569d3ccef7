#include "codec/canned_reply_json.hpp"

#include <boost/json/array.hpp>

#include "codec/reader.hpp"
#include "core/error.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

CannedReply reply_from_json(const json::value &document) {
  Fields fields(document, "reply");
  CannedReply reply;
  reply.id = fields.id("id").value_or("");
  const auto locale = fields.word("locale", kLocales);
  if (!locale) fail(Status::invalid_argument, "required", "reply.locale");
  reply.locale = *locale;
  reply.reason = fields.word("reason", kReasons).value_or("");
  reply.title = fields.required_text("title", kCannedTitleMaxBytes);
  reply.body = fields.required_text("body", kCannedBodyMaxBytes);
  fields.finish();
  return reply;
}

}  // namespace

CannedRequest canned_request_from_json(const json::value &document) {
  Fields fields(document, "");
  CannedRequest request;
  const auto op = fields.word("op", kCannedOps);
  if (!op) fail(Status::invalid_argument, "required", "op");
  request.op = *parse_word<CannedOp>(*op, kCannedOps);
  if (request.op != CannedOp::render) request.shop = fields.id("shop").value_or("default");
  switch (request.op) {
    case CannedOp::list:
      request.locale = fields.word("locale", kLocales).value_or("");
      request.reason = fields.word("reason", kReasons).value_or("");
      break;
    case CannedOp::save: {
      const auto *reply = fields.raw("reply");
      if (!reply) fail(Status::invalid_argument, "required", "reply");
      request.reply = reply_from_json(*reply);
      request.reply.updated_by = fields.id("staff").value_or("");
      break;
    }
    case CannedOp::remove: request.id = fields.required_id("id"); break;
    case CannedOp::render:
      request.case_ref = fields.required_id("case");
      request.id = fields.required_id("id");
      request.locale = fields.word("locale", kLocales).value_or("");
      break;
  }
  fields.finish();
  return request;
}

json::object to_json(const CannedReply &reply) {
  return {{"id", reply.id},
          {"shop", reply.shop},
          {"locale", reply.locale},
          {"reason", reply.reason.empty() ? json::value(nullptr) : json::value(reply.reason)},
          {"title", reply.title},
          {"body", reply.body},
          {"updated_at", format_rfc3339(reply.updated_at)},
          {"updated_by", reply.updated_by}};
}

json::object to_json(const CannedAnswer &answer) {
  switch (answer.op) {
    case CannedOp::list: {
      json::array replies;
      for (const auto &reply : answer.replies) replies.push_back(to_json(reply));
      return {{"replies", std::move(replies)}};
    }
    case CannedOp::save: return {{"reply", to_json(answer.reply)}};
    case CannedOp::remove: return {{"removed", answer.reply.id}};
    case CannedOp::render: break;
  }
  return {{"id", answer.reply.id},
          {"title", answer.reply.title},
          {"locale", answer.reply.locale},
          {"text", answer.text}};
}

}  // namespace reclaim::codec
