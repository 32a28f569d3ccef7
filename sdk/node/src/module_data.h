// What the addon keeps per Node.js environment (the main thread and each worker thread load
// their own instance): the engine class and the error factory the package registered.
#pragma once

#include <napi.h>

namespace reclaim_node {

struct ModuleData {
  Napi::FunctionReference engine_class;
  Napi::FunctionReference error_factory;
};

// This environment's data, made on first use and deleted by Node-API when the environment ends.
ModuleData &module_data(Napi::Env env);

}  // namespace reclaim_node
