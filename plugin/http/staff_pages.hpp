// What the staff desk's pages share: the signed-in check, the bar at the top of every page, the
// message page, times in the shop's zone, links, and the deadline marks. Each page lives in its
// own file (staff_session_pages, staff_queue_page, staff_export, staff_case_page, staff_bulk,
// staff_new_page, staff_mail_page, staff_report_page);
// staff_router.cpp routes to them.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>

#include "http/staff.hpp"

namespace date {
class time_zone;
}

namespace reclaim::http {

bool is_language(std::string_view code);

// The shop a page is about: the staff member's first unless `asked` names another of theirs
// (Error(not_found) for one they do not see).
std::string staff_shop(const StaffMember &staff, const std::string &asked);

// The signed-in member of staff of the request, or nullopt.
std::optional<StaffCall> signed_in(Call &call);
// The rc_staff cookie with `value`, or one that clears it.
std::string session_cookie(Call &call, const std::string &value, bool clear);
// True when the form carries the session's CSRF token.
bool form_csrf_ok(const Call &call, const StaffCall &who);

// A page with a heading and a sentence (both string keys); `queue_link` offers the way back.
Response staff_message(Call &call, int status, std::string_view heading, std::string_view text,
                       bool queue_link = true);
// 405 with Allow.
Response staff_method_not_allowed(Call &call, const char *allow, bool queue_link = true);
// The bar at the top of every signed-in page: who, the queue, sign-out (with the CSRF token).
void add_bar(Call &call, const StaffCall &who, boost::json::object &context);

// "agent: anna": who made a history entry, in the page's language.
std::string actor_label(Call &call, const Actor &actor);
// "2026-11-23 11:00" in `zone`.
std::string local_time(const std::string &zone, UnixMs at);
std::string local_time(const date::time_zone &zone, UnixMs at);  // zone looked up once
std::string shop_zone(Call &call, const std::string &shop);
std::string lang_query(Call &call);
// BASE/staff/cases/{number}
std::string case_url(Call &call, const Case &c);
std::string case_url(Call &call, const std::string &number);

// <option>s of `words`, labelled by `prefix` + word, with `selected` marked.
boost::json::array options_of(Call &call, std::span<const std::string_view> words,
                              std::string_view prefix, const std::string &selected);
// The same after a first option of value "" labelled by `none_key` ("any", "not decided yet").
boost::json::array select_of(Call &call, std::span<const std::string_view> words,
                             std::string_view prefix, const std::string &selected,
                             std::string_view none_key);

// The words of a comma-separated field ("courier, fragile"), trimmed, empty ones left out.
boost::json::array comma_list(std::string_view text);

// "overdue" (decision date passed, no decision), "at_risk" (due within `at_risk_ms`) or "".
std::string deadline_mark(const Case &c, UnixMs now, UnixMs at_risk_ms);
std::string deadline_mark(State state, std::optional<UnixMs> decision_due, UnixMs now,
                          UnixMs at_risk_ms);

// The case's flags in words and its customer's recent history (staff_case_customer.cpp).
void add_customer_standing(Call &call, const Case &c, boost::json::object &context);

// The pages.
Response staff_enter(Call &call);
// GET and POST /staff/login (staff_login.cpp): reclaimd's accounts sign in with a password.
Response staff_login(Call &call, const std::optional<StaffCall> &who);
// The sign-in form, with a `notice` (string key) above it; what a page answers without a
// session when the endpoint has accounts. `next`: where to go after it (a path under /staff/).
Response staff_login_form(Call &call, int status, std::string_view notice,
                          const std::string &next = "/staff/");
Response staff_logout(Call &call, const std::optional<StaffCall> &who);
Response staff_queue_page(Call &call, const StaffCall &who);
// The queue's view as CSV (GET /staff/export.csv, or /staff/?format=csv).
Response staff_export(Call &call, const StaffCall &who);
Response staff_case_page(Call &call, const StaffCall &who, const std::string &ref,
                         const std::string &error = {}, int status = 200);
Response staff_act(Call &call, const StaffCall &who, const std::string &ref);
// GET /staff/cases/{ref}/files/{id}: a file of the case (images inline, others as downloads).
// GET /staff/cases/{ref}/documents/{type}: a document of a case of their shops (PDF).
Response staff_case_document(Call &call, const StaffCall &who, const std::string &ref,
                             std::string_view type);
Response staff_case_file(Call &call, const StaffCall &who, const std::string &ref,
                         const std::string &id);
// POST /staff/bulk: one action on many cases, each with its own version check.
Response staff_bulk(Call &call, const StaffCall &who);
// GET /staff/new (the form; `error` when a POST was refused), POST /staff/new.
Response staff_new_page(Call &call, const StaffCall &who, const std::string &error = {},
                        int status = 200);
Response staff_new_submit(Call &call, const StaffCall &who);
// GET /staff/mail: the e-mails that went to no case; POST /staff/mail/{id}/attach|dismiss.
Response staff_mail_page(Call &call, const StaffCall &who, const std::string &notice = {},
                         const std::string &error = {}, int status = 200);
// GET /staff/report: the HTML report for a period and grouping.
Response staff_report_page(Call &call, const StaffCall &who);
// Canned replies (staff_replies_page.cpp): the settings page (`draft`: a refused form's values),
// saving and removing a reply, and the list and chosen reply on a case page.
Response staff_replies_page(Call &call, const StaffCall &who, const std::string &notice = {},
                            const std::string &error = {}, int status = 200,
                            const CannedReply *draft = nullptr);
Response staff_replies_save(Call &call, const StaffCall &who);
// Personal data (staff_privacy_page.cpp), for supervisors: GET /staff/privacy, and POST
// /staff/privacy/export (the person's data as a JSON download) or /staff/privacy/erase.
Response staff_privacy_page(Call &call, const StaffCall &who);
Response staff_privacy_submit(Call &call, const StaffCall &who, std::string_view what);
Response staff_replies_remove(Call &call, const StaffCall &who, const std::string &id);
void add_canned_replies(Call &call, const Case &c, boost::json::object &context);
Response staff_mail_settle(Call &call, const StaffCall &who, const std::string &id,
                           std::string_view what);

}  // namespace reclaim::http
