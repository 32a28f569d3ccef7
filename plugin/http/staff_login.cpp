// Signing in to the desk with a staff account's login and password (reclaimd's accounts). The
// form is protected by the customer pages' signed double-submit cookie (rc_csrf: the server's
// signature on a nonce, so a cookie planted by a neighbouring site is refused) and refused
// outright when the browser says the post started on another site.
#include "core/staff_account.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

// Where to go after signing in: a desk path, but not the sign-in and sign-out routes themselves.
std::string next_of(std::string_view wanted) {
  if (!is_staff_path(wanted) || wanted.starts_with("/staff/login") ||
      wanted.starts_with("/staff/logout") || wanted.starts_with("/staff/enter")) {
    return "/staff/";
  }
  return std::string(wanted);
}

// The form with a notice or an error, and the login typed (never the password).
Response form_page(Call &call, int status, const std::string &notice, const std::string &error,
                   const std::string &login, const std::string &next) {
  call.login_form = true;
  json::object context{
      {"title", call.text("staff_login_title")}, {"next", next_of(next)}, {"login", login}};
  if (!notice.empty()) context["notice"] = notice;
  if (!error.empty()) context["error"] = error;
  return page(call, "staff_login", std::move(context), status);
}

Response sign_in(Call &call) {
  const std::string next = next_of(call.form->get("next"));
  const std::string login(trim(call.form->get("login")));
  if (call.request.header("sec-fetch-site") == "cross-site" || !call.csrf_ok()) {
    return form_page(call, 403, "", call.text("staff_login_expired"), login, next);
  }
  int wait = 0;
  if (!call.site.logins.allow(call.client, &wait)) {
    Response refused = form_page(call, 429, "", call.text("staff_login_too_many"), login, next);
    refused.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
    return refused;
  }
  const StaffLogin result = call.engine().staff_login(login, call.form->get("password"), next);
  if (result.outcome == LoginOutcome::locked) {
    const std::string until =
        local_time(shop_zone(call, call.site.options.shop), result.locked_until);
    return form_page(call, 403, "",
                     call.text("staff_login_locked") + " " + call.text("staff_login_try_after") +
                         " " + until + ".",
                     login, next);
  }
  if (result.outcome != LoginOutcome::signed_in || !result.entry) {
    return form_page(call, 401, "", call.text("staff_login_failed"), login, next);
  }
  // A browser that was signed in as someone else is signed out of that session first.
  const std::string old(cookie(call.request.header("cookie"), kStaffCookie));
  if (!old.empty()) call.engine().staff_sign_out(old);
  Response response = redirect(call, call.base() + result.entry->next);
  response.add("Set-Cookie", session_cookie(call, result.entry->secret, false));
  return response;
}

}  // namespace

Response staff_login_form(Call &call, int status, std::string_view notice,
                          const std::string &next) {
  return form_page(call, status, notice.empty() ? "" : call.text(notice), "", "", next);
}

Response staff_login(Call &call, const std::optional<StaffCall> &who) {
  call.route = "/staff/login";
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  if (!get && call.request.method != "POST") {
    return staff_method_not_allowed(call, "GET, POST", false);
  }
  if (!call.engine().staff_accounts_exist()) {
    return staff_message(call, 404, "staff_sign_in_heading", "staff_no_accounts", false);
  }
  if (!get) return sign_in(call);
  const std::string next = next_of(call.query.get("next"));
  if (who) return redirect(call, call.base() + next);
  return staff_login_form(call, 200, "", next);
}

}  // namespace reclaim::http
