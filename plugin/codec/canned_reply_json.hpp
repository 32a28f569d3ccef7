// reclaim_canned_replies' documents: the request (one operation on a shop's canned replies) and
// its answer.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/canned_reply.hpp"

namespace reclaim::codec {

// {"op":"list","shop","locale","reason"} | {"op":"save","shop","reply":{"id","locale","reason",
// "title","body"},"staff"} | {"op":"remove","shop","id"} | {"op":"render","case","id","locale"}.
// Strict: a member the operation does not take is refused by name.
CannedRequest canned_request_from_json(const boost::json::value &document);

// {"id","shop","locale","reason","title","body","updated_at","updated_by"}; reason null for any.
boost::json::object to_json(const CannedReply &reply);
// list: {"replies":[…]}; save: {"reply":{…}}; remove: {"removed":id};
// render: {"id","title","locale","text"}.
boost::json::object to_json(const CannedAnswer &answer);

}  // namespace reclaim::codec
