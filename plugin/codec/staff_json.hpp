// The staff desk's documents: reclaim_staff_link's request and result, a staff member as the
// session keeps it and as GET /staff/api/v1/session shows it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/staff.hpp"

namespace reclaim::codec {

// {"staff":{…},"ttl_s":300,"next":"/staff/…"}; strict: unknown fields are refused by name.
// Checks the shape only; the engine checks the shops against its configuration.
StaffLinkRequest staff_link_request_from_json(const boost::json::value &document);
// A staff member; `path` names the object in errors ("staff").
StaffMember staff_member_from_json(const boost::json::value &document, const std::string &path);
boost::json::object to_json(const StaffMember &staff);
boost::json::object to_json(const StaffLink &link);

}  // namespace reclaim::codec
