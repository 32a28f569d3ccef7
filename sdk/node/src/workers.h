// The work that leaves the JavaScript thread: each runs one C call on the libuv thread pool and
// settles a Promise with its result when it is back.
#pragma once

#include <napi.h>

#include <string>

#include "abi_calls.h"
#include "js_text.h"

namespace reclaim_node {

class NativeEngine;

// Runs reclaim_<call>; resolves with the result document's text (undefined when the function
// writes none) or rejects with the error made from the status and the error document.
class CallWorker : public Napi::AsyncWorker {
 public:
  CallWorker(Napi::Env env, NativeEngine *owner, reclaim_engine *engine, const AbiCall &call,
             TextArguments arguments);
  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;

 private:
  Napi::Promise::Deferred deferred_;
  NativeEngine *owner_;
  reclaim_engine *engine_;
  const AbiCall &call_;
  TextArguments arguments_;
  int status_ = RECLAIM_INTERNAL;
  std::string document_;
};

// Runs reclaim_open; resolves with [engine object, result document text].
class OpenWorker : public Napi::AsyncWorker {
 public:
  OpenWorker(Napi::Env env, std::optional<std::string> config);
  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;

 private:
  Napi::Promise::Deferred deferred_;
  std::optional<std::string> config_;
  reclaim_engine *engine_ = nullptr;
  int status_ = RECLAIM_INTERNAL;
  std::string document_;
};

// Runs reclaim_close, which may wait for the HTTP endpoint's threads to stop.
class CloseWorker : public Napi::AsyncWorker {
 public:
  CloseWorker(Napi::Env env, NativeEngine *owner, reclaim_engine *engine);

 protected:
  void Execute() override;
  void OnOK() override;

 private:
  NativeEngine *owner_;
  reclaim_engine *engine_;
};

// Copies a document the ABI wrote into `out` and frees it with reclaim_free.
void take_document(char *json, std::string &out);

}  // namespace reclaim_node
