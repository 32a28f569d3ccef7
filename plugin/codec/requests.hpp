// Requests of the C ABI, read from their JSON documents into the core's types.
#pragma once

#include <boost/json/value.hpp>

#include "core/actions.hpp"
#include "core/eligibility.hpp"
#include "core/intake.hpp"
#include "core/queries.hpp"

namespace reclaim::codec {

class Fields;

// The request's "actor" ({"role", "id"}); Error(invalid_argument) when missing.
Actor actor_from(Fields &parent);

OpenRequest open_request_from_json(const boost::json::value &document);
ActionRequest action_request_from_json(const boost::json::value &document);
// The cursor is opaque to callers; it is only valid with the same filters and sort.
CaseQuery case_query_from_json(const boost::json::value &document);
std::string encode_cursor(std::int64_t sort_value, const std::string &case_id);
EventQuery event_query_from_json(const boost::json::value &document);
EligibilityRequest eligibility_request_from_json(const boost::json::value &document);

}  // namespace reclaim::codec
