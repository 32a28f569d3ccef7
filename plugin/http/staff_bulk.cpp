// POST /staff/bulk: assign, set the priority, add tags or close many cases at once. Each
// selected case carries the version the queue showed ("number:version"), and each is one
// action of its own with its own version check: a case someone changed meanwhile is left as
// it is and the result page says so, beside the cases that were done.
#include <boost/json/serialize.hpp>

#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxBulkCases = 200;
constexpr std::string_view kBulkActions[] = {"assign", "set_priority", "tag", "close"};

// The action document for one case, as reclaim_case_act reads it.
json::object bulk_document(const Form &form, const StaffMember &staff, std::int64_t version) {
  const std::string action = form.get("action");
  json::object doc{{"action", action},
                   {"actor", json::object{{"role", name(staff.role)}, {"id", staff.id}}},
                   {"expected_version", version}};
  if (action == "assign") doc["assignee"] = std::string(trim(form.get("assignee")));
  if (action == "set_priority") doc["priority"] = form.get("priority");
  if (action == "tag") {
    json::array words = comma_list(form.get("add"));
    if (words.empty()) fail(Status::invalid_argument, "name at least one tag", "add");
    doc["add"] = std::move(words);
  }
  return doc;
}

// Why one case was not done: the text, and the status a page about it alone would have had.
std::pair<std::string, int> why_not(Call &call, const Error &error) {
  switch (error.status()) {
    case Status::conflict:
      if (error.field() == "expected_version") return {call.text("staff_bulk_stale"), 409};
      return {call.text("staff_error_state"), 409};
    case Status::not_allowed:
      if (error.rule() == "role_not_allowed" || error.rule() == "decision_limit_exceeded") {
        return {call.text("staff_error_role"), 403};
      }
      return {call.text("staff_error_state"), 409};
    case Status::not_found: return {call.text("staff_bulk_not_found"), 404};
    case Status::invalid_argument: {
      std::string text = call.text("staff_error_invalid");
      if (!error.field().empty()) text += " (" + error.field() + ")";
      return {text, 422};
    }
    default: return {call.text("staff_bulk_failed"), 500};
  }
}

}  // namespace

Response staff_bulk(Call &call, const StaffCall &who) {
  if (!form_csrf_ok(call, who))
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  const Form &form = *call.form;
  const StaffMember &staff = who.staff();
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_bulk_heading");
  const std::string return_to = form.get("return_to");
  context["back_href"] =
      call.base() + (is_staff_path(return_to) ? return_to : "/staff/?" + lang_query(call));
  const auto refuse = [&](std::string text) {
    context["error"] = std::move(text);
    return page(call, "staff_bulk", std::move(context), 422);
  };

  const std::string action = form.get("action");
  bool known = false;
  for (const auto word : kBulkActions) known = known || word == action;
  if (!known) return refuse(call.text("staff_error_invalid") + " (action)");
  context["action_label"] = call.text("staff_do_" + action);
  std::vector<std::pair<std::string, std::int64_t>> selected;
  for (const auto &[key, value] : form.fields) {
    if (key != "case") continue;
    const auto colon = value.rfind(':');
    std::int64_t version = 0;
    try {
      std::size_t used = 0;
      if (colon == std::string::npos || colon == 0) throw std::invalid_argument("case");
      version = std::stoll(value.substr(colon + 1), &used);
      if (used != value.size() - colon - 1 || version < 1) throw std::invalid_argument("case");
    } catch (const std::logic_error &) {
      return refuse(call.text("staff_error_invalid") + " (case)");
    }
    selected.emplace_back(value.substr(0, colon), version);
  }
  if (selected.empty()) return refuse(call.text("staff_bulk_none"));
  if (selected.size() > kMaxBulkCases) return refuse(call.text("staff_bulk_too_many"));
  // The form's fields are checked once, before any case is touched.
  try {
    codec::action_request_from_json(bulk_document(form, staff, 1));
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument) throw;
    return refuse(why_not(call, error).first);
  }

  json::array done, failed;
  int failed_status = 0;
  for (const auto &[number, version] : selected) {
    try {
      const json::object document = bulk_document(form, staff, version);
      const ActionRequest request = codec::action_request_from_json(document);
      const CaseRecord record =
          call.engine().staff_act(staff, number, request, sha256_hex(json::serialize(document)));
      done.push_back(
          json::object{{"number", record.subject.number},
                       {"href", case_url(call, record.subject) + "?" + lang_query(call)}});
    } catch (const Error &error) {
      auto [text, status] = why_not(call, error);
      failed_status = failed_status == 0 || failed_status == status ? status : 409;
      json::object entry{{"number", number}, {"why", std::move(text)}};
      if (status != 404) {
        entry["href"] = call.base() + "/staff/cases/" + url_encode(number) + "?" + lang_query(call);
      }
      failed.push_back(std::move(entry));
    }
  }
  context["done_count"] = done.size();
  context["failed_count"] = failed.size();
  context["has_done"] = !done.empty();
  context["has_failed"] = !failed.empty();
  context["done"] = std::move(done);
  context["failed"] = std::move(failed);
  const int status = context["has_done"].as_bool() || failed_status == 0 ? 200 : failed_status;
  return page(call, "staff_bulk", std::move(context), status);
}

}  // namespace reclaim::http
