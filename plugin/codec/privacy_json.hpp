// Personal data requests and answers of the C ABI (reclaim_subject_export, reclaim_subject_erase).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/privacy.hpp"

namespace reclaim::codec {

// {"shop", "email"} for an export; an erasure also needs "actor" and "reason".
SubjectRequest subject_request_from_json(const boost::json::value &document, bool erasure);
// The person's data, files with their bytes in base64; history entries only staff saw are marked
// "internal": true (the shop decides whether to hand those over).
boost::json::object to_json(const SubjectExport &data);
// {"erasure", "at", "erased": {counts}, "kept": [{"case", "why"}]}
boost::json::object to_json(const Erasure &erasure);

}  // namespace reclaim::codec
