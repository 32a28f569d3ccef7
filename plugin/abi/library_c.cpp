// Library-level entry points: versions, status names, freeing what the library handed out.
#include <cstdlib>

#include "abi/shim.hpp"
#include "reclaim/reclaim.h"

extern "C" {

const char *reclaim_version(void) { return RECLAIM_VERSION_STRING; }

int reclaim_abi_version(void) { return RECLAIM_ABI_VERSION; }

const char *reclaim_status_name(int status) {
  if (status < RECLAIM_OK || status > RECLAIM_INTERNAL) return "unknown";
  return reclaim::status_name(static_cast<reclaim::Status>(status));
}

void reclaim_free(char *json) { std::free(json); }

}  // extern "C"
