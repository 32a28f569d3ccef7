// The staff desk: one-time sign-in links for the host's own staff, reclaimd's accounts, and
// the shops' canned replies.
#include "abi/shim.hpp"
#include "codec/canned_reply_json.hpp"
#include "codec/reader.hpp"
#include "codec/staff_account_json.hpp"
#include "codec/staff_json.hpp"
#include "reclaim/reclaim.h"

using namespace reclaim;

namespace {

constexpr std::size_t kMaxStaffLinkBytes = 64u << 10;  // a staff member with many shops
constexpr std::size_t kMaxStaffAccountBytes = 64u << 10;
constexpr std::size_t kMaxCannedBytes = 64u << 10;  // a reply's text is at most 8,000 bytes

}  // namespace

extern "C" {

int reclaim_staff_link(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxStaffLinkBytes, "request_json");
    return codec::to_json(engine.staff_link(codec::staff_link_request_from_json(document)));
  });
}

int reclaim_staff_account(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxStaffAccountBytes, "request_json");
    return codec::to_json(engine.staff_account(codec::staff_account_request_from_json(document)));
  });
}

int reclaim_canned_replies(reclaim_engine *e, const char *request_json, char **out_json) {
  return abi::run(out_json, [&]() -> boost::json::value {
    Engine &engine = abi::engine_of(e);
    const auto document = abi::parse(request_json, kMaxCannedBytes, "request_json");
    return codec::to_json(engine.canned_replies(codec::canned_request_from_json(document)));
  });
}

}  // extern "C"
