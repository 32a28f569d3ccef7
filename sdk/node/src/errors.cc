#include "errors.h"

#include "module_data.h"
#include "reclaim/reclaim.h"

namespace reclaim_node {
void set_error_factory(Napi::Env env, Napi::Function factory) {
  module_data(env).error_factory = Napi::Persistent(factory);
}

Napi::Value make_error(Napi::Env env, int status, const std::string &document,
                       const char *function) {
  auto &factory = module_data(env).error_factory;
  Napi::Value text = document.empty() ? env.Undefined() : Napi::String::New(env, document);
  if (!factory.IsEmpty()) {
    return factory.Call({Napi::Number::New(env, status), text, Napi::String::New(env, function)});
  }
  // The addon used without the package: a plain Error with what the ABI said.
  auto error = Napi::Error::New(env, std::string("reclaim_") + function + ": " +
                                         reclaim_status_name(status) +
                                         (document.empty() ? "" : ": " + document));
  error.Set("status", Napi::Number::New(env, status));
  return error.Value();
}

std::string closed_engine_document() {
  return R"({"error":{"code":"invalid_argument","message":"the engine is closed","field":"engine"}})";
}

}  // namespace reclaim_node
