#include "core/error.hpp"

namespace reclaim {

const char *status_name(Status status) noexcept {
  switch (status) {
    case Status::ok: return "ok";
    case Status::invalid_argument: return "invalid_argument";
    case Status::not_found: return "not_found";
    case Status::conflict: return "conflict";
    case Status::not_allowed: return "not_allowed";
    case Status::storage: return "storage";
    case Status::busy: return "busy";
    case Status::unsupported: return "unsupported";
    case Status::internal: return "internal";
  }
  return "unknown";
}

}  // namespace reclaim
