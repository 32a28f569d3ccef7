#include "native_engine.h"

#include <cmath>
#include <cstdint>

#include "errors.h"
#include "js_text.h"
#include "module_data.h"
#include "workers.h"

namespace reclaim_node {

Napi::Function NativeEngine::define(Napi::Env env) {
  std::vector<PropertyDescriptor> methods = {
      InstanceMethod("clock_set", &NativeEngine::clock_set),
      InstanceMethod("close", &NativeEngine::close),
      InstanceMethod("is_closed", &NativeEngine::is_closed),
      InstanceMethod("in_flight", &NativeEngine::in_flight),
  };
  for (const AbiCall &abi_call : abi_calls()) {
    methods.push_back(InstanceMethod(abi_call.name, &NativeEngine::call, napi_default,
                                     const_cast<AbiCall *>(&abi_call)));
  }
  Napi::Function cls = DefineClass(env, "NativeEngine", methods);
  module_data(env).engine_class = Napi::Persistent(cls);
  return cls;
}

Napi::Object NativeEngine::wrap(Napi::Env env, reclaim_engine *engine) {
  return module_data(env).engine_class.New({Napi::External<reclaim_engine>::New(env, engine)});
}

NativeEngine::NativeEngine(const Napi::CallbackInfo &info) : Napi::ObjectWrap<NativeEngine>(info) {
  // Only wrap() makes engines: JavaScript opens one with the module's open().
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "engines are made by open(config)");
  }
  engine_ = info[0].As<Napi::External<reclaim_engine>>().Data();
}

NativeEngine::~NativeEngine() {
  // Collected without close(): no call can be running, each one holds a reference to this
  // object until its result is back, and neither can a close (it holds one too). Only when
  // the environment itself ends (a worker thread terminated) may calls still be counted, and
  // then leaving the engine open is safer than freeing it under them.
  if (in_flight_ == 0) reclaim_close(engine_);
}

Napi::Value NativeEngine::call(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  const auto &abi_call = *static_cast<const AbiCall *>(info.Data());
  TextArguments arguments;
  for (int i = 0; i < abi_call.param_count; ++i) {
    arguments.values[i] = text_argument(info[static_cast<size_t>(i)], abi_call.params[i]);
  }
  if (engine_ == nullptr || closing_) {
    auto refused = Napi::Promise::Deferred::New(env);
    refused.Reject(
        make_error(env, RECLAIM_INVALID_ARGUMENT, closed_engine_document(), abi_call.name));
    return refused.Promise();
  }
  auto *worker = new CallWorker(env, this, engine_, abi_call, std::move(arguments));
  Napi::Promise promise = worker->promise();
  ++in_flight_;
  Ref();  // kept alive until call_finished
  worker->Queue();
  return promise;
}

void NativeEngine::call_finished() {
  --in_flight_;
  Unref();
  if (closing_ && in_flight_ == 0) queue_close();
}

Napi::Value NativeEngine::clock_set(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  int64_t unix_ms = 0;
  if (info[0].IsBigInt()) {
    bool lossless = false;
    unix_ms = info[0].As<Napi::BigInt>().Int64Value(&lossless);
    if (!lossless) throw Napi::RangeError::New(env, "unixMs does not fit in 64 bits");
  } else if (info[0].IsNumber()) {
    double ms = info[0].As<Napi::Number>().DoubleValue();
    // 2^63 is exactly representable; anything at or past it does not fit.
    if (!std::isfinite(ms) || std::trunc(ms) != ms || std::fabs(ms) >= 9223372036854775808.0) {
      throw Napi::RangeError::New(env, "unixMs must be an integer number of milliseconds");
    }
    unix_ms = static_cast<int64_t>(ms);
  } else {
    throw Napi::TypeError::New(env, "unixMs must be a number or a bigint");
  }
  if (engine_ == nullptr || closing_) {
    throw Napi::Error(
        env, make_error(env, RECLAIM_INVALID_ARGUMENT, closed_engine_document(), "clock_set"));
  }
  int status = reclaim_clock_set(engine_, unix_ms);
  if (status != RECLAIM_OK) throw Napi::Error(env, make_error(env, status, "", "clock_set"));
  return env.Undefined();
}

Napi::Value NativeEngine::close(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  auto done = Napi::Promise::Deferred::New(env);
  if (closed_) {  // as reclaim_close(NULL): nothing to do
    done.Resolve(env.Undefined());
    return done.Promise();
  }
  close_waiters_.push_back(done);
  closing_ = true;
  if (in_flight_ == 0) queue_close();
  return done.Promise();
}

void NativeEngine::queue_close() {
  if (close_queued_) return;
  close_queued_ = true;
  reclaim_engine *engine = engine_;
  engine_ = nullptr;
  Ref();  // kept alive until close_finished
  (new CloseWorker(Env(), this, engine))->Queue();
}

void NativeEngine::close_finished() {
  Napi::Env env = Env();
  closed_ = true;
  for (auto &waiter : close_waiters_) waiter.Resolve(env.Undefined());
  close_waiters_.clear();
  Unref();
}

Napi::Value NativeEngine::is_closed(const Napi::CallbackInfo &info) {
  return Napi::Boolean::New(info.Env(), engine_ == nullptr || closing_);
}

Napi::Value NativeEngine::in_flight(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), in_flight_);
}

}  // namespace reclaim_node
