// Signing in to the desk by a host's one-time link, and signing out everywhere.
#include "http/staff_pages.hpp"

namespace reclaim::http {

Response staff_enter(Call &call) {
  call.route = "/staff/enter";
  // Only GET uses the link: a HEAD from a link checker or a mail scanner must not spend it.
  if (call.request.method != "GET") return staff_method_not_allowed(call, "GET", false);
  auto entry = call.engine().staff_enter(call.query.get("t"));
  if (!entry) return staff_message(call, 403, "staff_link_heading", "staff_link_used", false);
  // A browser that was signed in as someone else is signed out of that session first.
  const std::string old(cookie(call.request.header("cookie"), kStaffCookie));
  if (!old.empty()) call.engine().staff_sign_out(old);
  Response response = redirect(call, call.base() + entry->next);
  response.add("Set-Cookie", session_cookie(call, entry->secret, false));
  return response;
}

Response staff_logout(Call &call, const std::optional<StaffCall> &who) {
  call.route = "/staff/logout";
  if (call.request.method != "POST") return staff_method_not_allowed(call, "POST", false);
  if (!who)
    return staff_message(call, 401, "staff_signed_out_heading", "staff_sign_in_text", false);
  if (!form_csrf_ok(call, *who))
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  call.engine().staff_sign_out(who->secret);
  // With accounts, the page offers to sign in again (a link: the form's cookie would be a
  // second Set-Cookie beside the one that clears the session).
  Response response = page(call, "staff_message",
                           {{"heading", call.text("staff_signed_out_heading")},
                            {"text", call.text("staff_signed_out_text")},
                            {"title", call.text("staff_signed_out_heading")},
                            {"queue_link", false},
                            {"login_link", call.engine().staff_accounts_exist()}});
  response.add("Set-Cookie", session_cookie(call, "", true));
  return response;
}

}  // namespace reclaim::http
