// reclaim_staff_account's documents: the request (one operation on reclaimd's staff accounts)
// and its answer. An answer never carries a password or its hash.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/staff_account.hpp"

namespace reclaim::codec {

// {"op":"add","staff":{…},"password":"…"} | {"op":"passwd","id":…,"password":…}
// | {"op":"remove"|"disable"|"enable","id":…} | {"op":"list"}. Strict: a member the operation
// does not take is refused by name. The password must be 12 characters to 1024 bytes of text
// (no control characters); an error about it never quotes it. Shops are checked by the engine.
StaffAccountRequest staff_account_request_from_json(const boost::json::value &document);

// {"id","name","role","shops","locale","disabled","failed_logins","locked_until","created_at",
//  "changed_at"}; locked_until null when not locked.
boost::json::object to_json(const StaffAccount &account);
// list: {"accounts":[…]}; remove: {"removed":id,"sessions_ended":n};
// otherwise {"account":{…},"sessions_ended":n}.
boost::json::object to_json(const StaffAccountAnswer &answer);

}  // namespace reclaim::codec
