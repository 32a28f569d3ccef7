// Shop policies as documents: read strictly on top of the jurisdiction's preset, written in full.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/policy.hpp"

namespace reclaim::codec {

// `default_jurisdiction` is the shop's, used when the document does not name one. Omitted
// settings take the preset's values. Throws Error(invalid_argument) naming the field.
Policy policy_from_json(const boost::json::value &document, Jurisdiction default_jurisdiction);
boost::json::object policy_to_json(const Policy &policy);

Jurisdiction jurisdiction_from_text(const std::string &text);

}  // namespace reclaim::codec
