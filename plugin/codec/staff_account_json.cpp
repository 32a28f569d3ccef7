#include "codec/staff_account_json.hpp"

#include <boost/json/array.hpp>

#include "codec/reader.hpp"
#include "codec/staff_json.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

std::string password_of(Fields &fields) {
  // check_text: at most 1024 bytes, no control characters (a form could not send them).
  auto password = fields.text("password", kPasswordMaxBytes);
  if (!password) fail(Status::invalid_argument, "required", "password");
  if (auto problem = password_problem(*password)) {
    fail(Status::invalid_argument, *problem, "password");
  }
  return *std::move(password);
}

std::string login_of(Fields &fields) {
  std::string id = fields.required_id("id");
  check_text(id, kMaxIdBytes, "id");
  return id;
}

}  // namespace

StaffAccountRequest staff_account_request_from_json(const json::value &document) {
  Fields fields(document, "");
  StaffAccountRequest request;
  const auto op = fields.word("op", kStaffAccountOps);
  if (!op) fail(Status::invalid_argument, "required", "op");
  request.op = *parse_word<StaffAccountOp>(*op, kStaffAccountOps);
  switch (request.op) {
    case StaffAccountOp::add: {
      const auto *staff = fields.raw("staff");
      if (!staff) fail(Status::invalid_argument, "required", "staff");
      request.staff = staff_member_from_json(*staff, "staff");
      request.id = request.staff.id;
      for (const char c : request.id) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) {
          fail(Status::invalid_argument, "a login without spaces or control characters",
               "staff.id");
        }
      }
      request.password = password_of(fields);
      break;
    }
    case StaffAccountOp::passwd:
      request.id = login_of(fields);
      request.password = password_of(fields);
      break;
    case StaffAccountOp::remove:
    case StaffAccountOp::disable:
    case StaffAccountOp::enable: request.id = login_of(fields); break;
    case StaffAccountOp::list: break;
  }
  fields.finish();
  return request;
}

json::object to_json(const StaffAccount &account) {
  json::object out = to_json(account.staff);
  out["disabled"] = account.disabled;
  out["failed_logins"] = account.failed_logins;
  out["locked_until"] = account.locked_until > 0 ? json::value(format_rfc3339(account.locked_until))
                                                 : json::value(nullptr);
  out["created_at"] = format_rfc3339(account.created_at);
  out["changed_at"] = format_rfc3339(account.changed_at);
  return out;
}

json::object to_json(const StaffAccountAnswer &answer) {
  if (answer.op == StaffAccountOp::list) {
    json::array accounts;
    for (const auto &account : answer.accounts) accounts.push_back(to_json(account));
    return {{"accounts", std::move(accounts)}};
  }
  if (answer.op == StaffAccountOp::remove) {
    return {{"removed", answer.id}, {"sessions_ended", answer.sessions_ended}};
  }
  return {{"account", answer.accounts.empty() ? json::value(nullptr)
                                              : json::value(to_json(answer.accounts.front()))},
          {"sessions_ended", answer.sessions_ended}};
}

}  // namespace reclaim::codec
