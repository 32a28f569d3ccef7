#include "abi/shim.hpp"

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <cstring>

#include "codec/reader.hpp"
#include "core/crypto.hpp"

namespace reclaim::abi {

void give(char **out_json, const boost::json::value &document) {
  give(out_json, Text{boost::json::serialize(document)});
}

void give(char **out_json, const CaseRecord &record) {
  give(out_json, Text{codec::to_text(record)});
}

void give(char **out_json, const Text &serialized) {
  if (!out_json) return;
  const std::string &text = serialized.json;
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (!copy) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size() + 1);
  *out_json = copy;
}

int give_error(char **out_json, Status status, const std::string &message,
               const std::string &field, const std::string &rule) {
  try {
    boost::json::object error{{"code", status_name(status)}, {"message", message}};
    if (!field.empty()) error["field"] = field;
    if (!rule.empty()) error["rule"] = rule;
    give(out_json, boost::json::object{{"error", std::move(error)}});
  } catch (...) {
    if (out_json) *out_json = nullptr;  // no memory even for the error: the status still tells
  }
  return static_cast<int>(status);
}

void require(const void *pointer, const char *what) {
  if (!pointer) fail(Status::invalid_argument, std::string(what) + " is NULL", what);
}

Engine &engine_of(reclaim_engine *handle) {
  require(handle, "engine");
  return *handle->engine;
}

boost::json::value parse(const char *text, std::size_t max_bytes, const char *what,
                         const char *fallback) {
  if (!text) text = fallback;
  require(text, what);
  return codec::parse_document(text, max_bytes);
}

std::string identifier(const char *text, const char *what, const char *fallback) {
  if (!text) text = fallback;
  require(text, what);
  std::string value(text, strnlen(text, codec::kMaxIdBytes + 1));
  if (value.empty()) fail(Status::invalid_argument, std::string(what) + " is empty", what);
  codec::check_text(value, codec::kMaxIdBytes, what);
  return value;
}

std::string request_hash(const boost::json::value &request, std::string_view idempotency_key) {
  if (idempotency_key.empty()) return {};
  return sha256_hex(boost::json::serialize(request));
}

}  // namespace reclaim::abi
