// The message outbox: mails for hosts that send them with their own mailer, and previews of
// the templates for the shop's staff.
#include "abi/shim.hpp"
#include "codec/outbox_json.hpp"
#include "codec/reader.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

extern "C" {

int reclaim_messages_read(reclaim_engine *e, const char *query_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(query_json, codec::kMaxRequestBytes, "query_json", "{}");
    return boost::json::value(codec::to_json(engine.read_messages(codec::message_query_from_json(document))));
  });
}

int reclaim_messages_ack(reclaim_engine *e, const char *ack_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(ack_json, codec::kMaxRequestBytes, "ack_json");
    const auto ack = codec::message_ack_from_json(document);
    const int changed = engine.ack_messages(ack.ids, ack.result, ack.error);
    return boost::json::value(boost::json::object{{"changed", changed}});
  });
}

int reclaim_message_preview(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&] {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, codec::kMaxRequestBytes, "request_json");
    return boost::json::value(codec::to_json(engine.preview_mail(codec::mail_preview_from_json(document))));
  });
}

}  // extern "C"
