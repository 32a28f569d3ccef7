// Inbound e-mail: a customer's message handed over by the host's mail system.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "abi/shim.hpp"
#include "codec/reader.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

namespace {

namespace json = boost::json;

// A 10 MB message as JSON text (escaped CR LF, or base64) with room to spare.
constexpr std::size_t kMaxInboundRequestBytes = 32u << 20;

// Standard base64 (RFC 4648 §4), line breaks and spaces allowed, padding optional.
std::string base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned buffer = 0;
  int bits = 0;
  bool padding = false;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '+')
      value = 62;
    else if (c == '/')
      value = 63;
    else if (c == '=') {
      padding = true;
      continue;
    } else if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
      continue;
    }
    if (value < 0 || padding) fail(Status::invalid_argument, "not base64", "raw_base64");
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string raw_of(codec::Fields &fields) {
  const json::value *raw = fields.raw("raw");
  const json::value *encoded = fields.raw("raw_base64");
  if ((raw == nullptr) == (encoded == nullptr)) {
    fail(Status::invalid_argument, "give the message as \"raw\" or as \"raw_base64\"", "raw");
  }
  const char *field = raw ? "raw" : "raw_base64";
  const json::value &given = raw ? *raw : *encoded;
  if (!given.is_string()) fail(Status::invalid_argument, "a string", field);
  const std::string_view text = given.as_string();
  return raw ? std::string(text) : base64_decode(text);
}

json::value to_json(const InboundOutcome &outcome) {
  json::object out{{"result", outcome.result},
                   {"message_id", outcome.mail_key},
                   {"duplicate", outcome.duplicate}};
  if (outcome.result == "draft") {
    out["draft_id"] = outcome.draft_id;
    out["reason"] = outcome.reason;
  } else {
    out["case_id"] = outcome.case_id;
    out["case_number"] = outcome.case_number;
    out["history_seq"] = outcome.history_seq;
    json::array ids;
    for (const auto &id : outcome.attachments) ids.emplace_back(id);
    out["attachments"] = std::move(ids);
  }
  json::array refused;
  for (const auto &[name, rule] : outcome.refused_files) {
    refused.emplace_back(json::object{{"filename", name}, {"rule", rule}});
  }
  out["refused_files"] = std::move(refused);
  return out;
}

}  // namespace

extern "C" {

int reclaim_message_inbound(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxInboundRequestBytes, "request_json");
    codec::Fields fields(document, "");
    const std::string shop = fields.id("shop").value_or("default");
    const std::string raw = raw_of(fields);
    fields.finish();
    return to_json(engine.receive_mail(shop, raw));
  });
}

}  // extern "C"
