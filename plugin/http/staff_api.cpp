// /staff/api/v1: the staff desk as JSON, for hosts that build their own admin screens. The
// session cookie signs the member of staff in; changes also need the header X-CSRF-Token.
#include <boost/json/array.hpp>
#include <algorithm>

#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "codec/staff_json.hpp"
#include "codec/views_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/staff.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

// What this member of staff may not do is 403; a state that does not allow it is 409.
Response staff_error(const Error &error) {
  const Status status = error.status();
  if (status == Status::storage || status == Status::internal) {
    return api_error(500, "internal", "the request could not be completed");
  }
  int code = http_status(status);
  if (status == Status::not_allowed &&
      (error.rule() == "role_not_allowed" || error.rule() == "decision_limit_exceeded")) {
    code = 403;
  }
  return api_error(code, status_name(status), error.what(), error.field(), error.rule());
}

Response session_document(const StaffCall &who) {
  const StaffSession &s = who.session;
  return json_response(
      200, json::object{{"staff", codec::to_json(s.staff)},
                        {"csrf", s.csrf},
                        {"expires_at", format_rfc3339(std::min(s.created_at + kStaffAbsoluteTimeoutMs,
                                                               s.last_seen_at + kStaffIdleTimeoutMs))}});
}

Response queue(Call &call, const StaffCall &who) {
  const std::string shop = staff_shop(call, who.staff());
  const int limit = [&] {
    const std::string given = call.query.get("limit");
    if (given.empty()) return 50;
    try {
      std::size_t used = 0;
      const int value = std::stoi(given, &used);
      if (used == given.size() && value >= 1 && value <= 500) return value;
    } catch (const std::logic_error &) {
    }
    fail(Status::invalid_argument, "a number from 1 to 500", "limit");
  }();
  const QueueFilter filter = queue_filter(call.query, shop, limit);
  const CaseQuery query = case_query(filter, who.staff());
  const StaffQueue queue = call.engine().staff_queue(who.staff(), query);
  json::object out = codec::to_json(queue.page);
  const StateCounts &counted = queue.counts;
  json::object counts;
  for (const auto &[state, n] : counted.n) counts[state] = n;
  json::array more;
  for (const auto &state : counted.more) more.push_back(json::string(state));
  out["counts"] = std::move(counts);
  out["counts_more"] = std::move(more);
  return json_response(200, out);
}

Response act(Call &call, const StaffCall &who, const std::string &ref) {
  if (!equal_in_constant_time(call.request.header("x-csrf-token"), who.session.csrf) ||
      who.session.csrf.empty()) {
    return api_error(403, "csrf", "send the session's csrf token in the X-CSRF-Token header");
  }
  const auto type = call.request.header("content-type");
  if (!type.starts_with("application/json")) {
    fail(Status::invalid_argument, "send the request as application/json", "content-type");
  }
  json::value document = codec::parse_document(call.request.body, call.site.options.form_limit);
  auto *object = document.if_object();
  if (!object) fail(Status::invalid_argument, "expected an object", "");
  if (object->contains("actor")) {
    fail(Status::invalid_argument, "the actor is the signed-in member of staff; leave it out",
         "actor");
  }
  const std::string hash = sha256_hex(call.request.body);
  (*object)["actor"] = json::object{{"role", name(who.staff().role)}, {"id", who.staff().id}};
  const ActionRequest request = codec::action_request_from_json(document);
  return json_response(200, codec::to_json(call.engine().staff_act(who.staff(), ref, request, hash)));
}

Response route(Call &call, std::string_view rest, const std::optional<StaffCall> &who) {
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  const bool post = call.request.method == "POST";
  const auto method_error = [](const char *allow) {
    Response response = api_error(405, "method_not_allowed", "method not allowed here");
    response.set("Allow", allow);
    return response;
  };
  std::string_view tail;
  if (rest == "/session") {
    call.route = "/staff/api/v1/session";
    if (!get) return method_error("GET");
  } else if (rest == "/cases") {
    call.route = "/staff/api/v1/cases";
    if (!get) return method_error("GET");
  } else if (rest.starts_with("/cases/")) {
    tail = rest.substr(7);
    const auto slash = tail.find('/');
    if (slash == std::string_view::npos) {
      call.route = "/staff/api/v1/cases/{ref}";
      if (!get) return method_error("GET");
    } else if (tail.substr(slash) == "/actions") {
      call.route = "/staff/api/v1/cases/{ref}/actions";
      if (!post) return method_error("POST");
    } else {
      call.route = "/staff/api/other";
      return api_error(404, "not_found", "no such resource");
    }
  } else {
    call.route = "/staff/api/other";
    return api_error(404, "not_found", "no such resource");
  }
  if (!who) return api_error(401, "unauthorized", "sign in to the staff desk first (a staff link)");
  if (rest == "/session") return session_document(*who);
  if (rest == "/cases") return queue(call, *who);
  const auto slash = tail.find('/');
  const std::string ref = url_decode(tail.substr(0, slash), false);
  codec::check_text(ref, codec::kMaxIdBytes, "ref");
  if (ref.empty()) return api_error(404, "not_found", "no such case");
  if (slash == std::string_view::npos) {
    return json_response(200, codec::to_json(call.engine().staff_case(who->staff(), ref)));
  }
  return act(call, *who, ref);
}

}  // namespace

Response staff_api_route(Call &call, std::string_view rest, const std::optional<StaffCall> &who) {
  try {
    return route(call, rest, who);
  } catch (const Error &error) {
    return staff_error(error);
  }
}

}  // namespace reclaim::http
