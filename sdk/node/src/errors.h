// Failed calls become the public ReclaimError. The class lives in JavaScript (lib/errors.js);
// the package hands the addon a factory for it at load time, so a rejection already carries the
// right class, status, code, field and rule.
#pragma once

#include <napi.h>

#include <string>

namespace reclaim_node {

// Keeps `factory` (status, document text or undefined, function name) => Error for this
// module instance.
void set_error_factory(Napi::Env env, Napi::Function factory);

// The error for a status and the ABI's error document (empty when the call wrote none) of the
// function reclaim_<function>.
Napi::Value make_error(Napi::Env env, int status, const std::string &document,
                       const char *function);

// The document for a call on a closed engine: what the ABI says for a NULL engine.
std::string closed_engine_document();

}  // namespace reclaim_node
