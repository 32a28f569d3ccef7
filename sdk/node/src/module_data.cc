#include "module_data.h"

namespace reclaim_node {

ModuleData &module_data(Napi::Env env) {
  auto *data = env.GetInstanceData<ModuleData>();
  if (data == nullptr) {
    data = new ModuleData();
    env.SetInstanceData(data);
  }
  return *data;
}

}  // namespace reclaim_node
