#include "workers.h"

#include "errors.h"
#include "native_engine.h"

namespace reclaim_node {

void take_document(char *json, std::string &out) {
  if (json == nullptr) return;
  try {
    out.assign(json);
  } catch (...) {
    reclaim_free(json);
    throw;
  }
  reclaim_free(json);
}

namespace {

// A status and document when the copy itself failed (out of memory): the call's effect stands,
// but its answer is lost, which the host must hear about.
void lost_answer(int &status, std::string &document) {
  status = RECLAIM_INTERNAL;
  document.clear();
}

}  // namespace

CallWorker::CallWorker(Napi::Env env, NativeEngine *owner, reclaim_engine *engine,
                       const AbiCall &call, TextArguments arguments)
    : Napi::AsyncWorker(env, "reclaim.call"),
      deferred_(Napi::Promise::Deferred::New(env)),
      owner_(owner),
      engine_(engine),
      call_(call),
      arguments_(std::move(arguments)) {}

void CallWorker::Execute() {
  char *out = nullptr;
  const TextArguments::Pointers texts = arguments_.pointers();
  status_ = call_.run(engine_, texts.at, &out);
  try {
    take_document(out, document_);
  } catch (...) {
    lost_answer(status_, document_);
  }
}

void CallWorker::OnOK() {
  Napi::Env env = Env();
  owner_->call_finished();
  if (status_ != RECLAIM_OK) {
    deferred_.Reject(make_error(env, status_, document_, call_.name));
  } else if (document_.empty()) {
    deferred_.Resolve(env.Undefined());
  } else {
    deferred_.Resolve(Napi::String::New(env, document_));
  }
}

OpenWorker::OpenWorker(Napi::Env env, std::optional<std::string> config)
    : Napi::AsyncWorker(env, "reclaim.open"),
      deferred_(Napi::Promise::Deferred::New(env)),
      config_(std::move(config)) {}

void OpenWorker::Execute() {
  char *out = nullptr;
  status_ = reclaim_open(config_ ? config_->c_str() : nullptr, &engine_, &out);
  try {
    take_document(out, document_);
  } catch (...) {
    lost_answer(status_, document_);
  }
  if (status_ != RECLAIM_OK && engine_ != nullptr) {
    reclaim_close(engine_);
    engine_ = nullptr;
  }
}

void OpenWorker::OnOK() {
  Napi::Env env = Env();
  if (status_ != RECLAIM_OK) {
    deferred_.Reject(make_error(env, status_, document_, "open"));
    return;
  }
  Napi::Object engine = NativeEngine::wrap(env, engine_);
  auto pair = Napi::Array::New(env, 2);
  pair.Set(0u, engine);
  pair.Set(1u, Napi::String::New(env, document_));
  deferred_.Resolve(pair);
}

CloseWorker::CloseWorker(Napi::Env env, NativeEngine *owner, reclaim_engine *engine)
    : Napi::AsyncWorker(env, "reclaim.close"), owner_(owner), engine_(engine) {}

void CloseWorker::Execute() { reclaim_close(engine_); }

void CloseWorker::OnOK() { owner_->close_finished(); }

}  // namespace reclaim_node
