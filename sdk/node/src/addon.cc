// The addon's exports: the library-wide functions (synchronous: static strings and integers),
// open (a Promise of an engine) and the engine class. lib/ builds the public API on them.
#include <napi.h>

#include "abi_calls.h"
#include "errors.h"
#include "js_text.h"
#include "native_engine.h"
#include "workers.h"

namespace reclaim_node {
namespace {

Napi::Value version(const Napi::CallbackInfo &info) {
  return Napi::String::New(info.Env(), reclaim_version());
}

Napi::Value abi_version(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), reclaim_abi_version());
}

Napi::Value status_name(const Napi::CallbackInfo &info) {
  if (!info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "status must be a number");
  return Napi::String::New(info.Env(),
                           reclaim_status_name(info[0].As<Napi::Number>().Int32Value()));
}

Napi::Value open(const Napi::CallbackInfo &info) {
  auto *worker = new OpenWorker(info.Env(), text_argument(info[0], "config"));
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

Napi::Value set_error_factory(const Napi::CallbackInfo &info) {
  if (!info[0].IsFunction()) throw Napi::TypeError::New(info.Env(), "factory must be a function");
  reclaim_node::set_error_factory(info.Env(), info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

// The C functions the engine class maps, for the binding's own completeness test.
Napi::Value mapped_functions(const Napi::CallbackInfo &info) {
  auto names = Napi::Array::New(info.Env());
  uint32_t i = 0;
  // free: every document a call returns is released with reclaim_free (workers.cc).
  for (const char *name :
       {"version", "abi_version", "status_name", "free", "open", "close", "clock_set"}) {
    names.Set(i++, name);
  }
  for (const AbiCall &call : abi_calls()) names.Set(i++, call.name);
  return names;
}

Napi::Object init(Napi::Env env, Napi::Object exports) {
  exports.Set("version", Napi::Function::New(env, version, "version"));
  exports.Set("abi_version", Napi::Function::New(env, abi_version, "abi_version"));
  exports.Set("status_name", Napi::Function::New(env, status_name, "status_name"));
  exports.Set("open", Napi::Function::New(env, open, "open"));
  exports.Set("set_error_factory",
              Napi::Function::New(env, set_error_factory, "set_error_factory"));
  exports.Set("mapped_functions", Napi::Function::New(env, mapped_functions, "mapped_functions"));
  exports.Set("ABI_VERSION", Napi::Number::New(env, RECLAIM_ABI_VERSION));
  exports.Set("NativeEngine", NativeEngine::define(env));
  return exports;
}

}  // namespace
}  // namespace reclaim_node

// The macro pastes the function's name into an identifier: it wants an unqualified one.
static Napi::Object init_reclaim(Napi::Env env, Napi::Object exports) {
  return reclaim_node::init(env, exports);
}
NODE_API_MODULE(reclaim, init_reclaim)
