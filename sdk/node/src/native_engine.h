// The engine handle as a JavaScript object. Its state is touched on the JavaScript thread only:
// a call counts itself in before its work is queued and out when its result is back, so close
// can wait for the last call and never frees the engine under a running one.
#pragma once

#include <napi.h>

#include <vector>

#include "abi_calls.h"

namespace reclaim_node {

class NativeEngine : public Napi::ObjectWrap<NativeEngine> {
 public:
  static Napi::Function define(Napi::Env env);
  // A new JavaScript object owning `engine` (made by reclaim_open).
  static Napi::Object wrap(Napi::Env env, reclaim_engine *engine);

  explicit NativeEngine(const Napi::CallbackInfo &info);
  ~NativeEngine() override;

  // A call's work is done (its result is back on the JavaScript thread).
  void call_finished();
  // The close work is done: the engine is freed.
  void close_finished();

 private:
  Napi::Value call(const Napi::CallbackInfo &info);       // one row of abi_calls(): a Promise
  Napi::Value clock_set(const Napi::CallbackInfo &info);  // synchronous
  Napi::Value close(const Napi::CallbackInfo &info);      // a Promise, once every call is back
  Napi::Value is_closed(const Napi::CallbackInfo &info);
  Napi::Value in_flight(const Napi::CallbackInfo &info);

  void queue_close();

  reclaim_engine *engine_ = nullptr;
  int in_flight_ = 0;
  bool closing_ = false;       // no new calls; close runs when in_flight_ reaches 0
  bool close_queued_ = false;  // the engine pointer is handed to the close work
  bool closed_ = false;        // reclaim_close has returned
  std::vector<Napi::Promise::Deferred> close_waiters_;
};

}  // namespace reclaim_node
