// The C functions that take an engine and answer with a document, as one table: the addon
// registers one method per row, so adding a function to reclaim.h is one row here.
#pragma once

#include <span>

#include "reclaim/reclaim.h"

namespace reclaim_node {

// A call's text arguments after the engine, in the C order; NULL where the caller gave none.
using Texts = const char *const *;

struct AbiCall {
  const char *name;       // the C name without "reclaim_", also the addon's method name
  const char *params[3];  // the text parameters' names, for errors about their types
  int param_count;
  int (*run)(reclaim_engine *engine, Texts texts, char **out_json);
};

// Every function of reclaim.h that takes an engine, except reclaim_open / reclaim_close (the
// engine's lifecycle) and reclaim_clock_set (an integer, and cheap: a synchronous method).
std::span<const AbiCall> abi_calls();

}  // namespace reclaim_node
