// The staff desk's routes: which page a request under /staff/ goes to, after its form is read
// and its session looked up. Errors no page caught become a message page (or the API's error
// document); every response is Cache-Control: no-store.
#include "codec/reader.hpp"
#include "core/error.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace {

Response route(Call &call, std::string_view path) {
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  const bool post = call.request.method == "POST";
  if (path == "/staff") return redirect(call, call.base() + "/staff/");
  if (path == "/staff/enter") return staff_enter(call);
  const bool api = path.starts_with("/staff/api/");
  if (post && !api) {
    call.form = parse_form(call.request.body, call.request.header("content-type"));
    if (!call.form) {
      call.route = "bad_form";
      return staff_message(call, 400, "error_heading", "bad_request");
    }
    for (const auto &[field, value] : call.form->fields) {
      try {
        codec::check_text(value, 20'000, field);
      } catch (const Error &) {
        call.route = "bad_form";
        return staff_message(call, 400, "error_heading", "bad_request");
      }
    }
    const std::string lang = call.form->get("lang");
    if (call.query.get("lang").empty() && is_language(lang)) call.lang = lang;
  }
  const auto who = signed_in(call);
  if (who && call.query.get("lang").empty() &&
      !(call.form && is_language(call.form->get("lang"))) && is_language(who->staff().locale)) {
    call.lang = who->staff().locale;
  }
  if (path == "/staff/login") return staff_login(call, who);
  if (api) {
    if (!path.starts_with("/staff/api/v1/")) {
      call.route = "/staff/api/other";
      return api_error(404, "not_found", "no such resource");
    }
    return staff_api_route(call, path.substr(13), who);
  }
  if (path == "/staff/logout") return staff_logout(call, who);
  const bool known = path == "/staff/" || path == "/staff/export.csv" || path == "/staff/bulk" ||
                     path == "/staff/new" || path == "/staff/mail" || path == "/staff/report" ||
                     path == "/staff/replies" || path.starts_with("/staff/replies/") ||
                     path == "/staff/privacy" || path == "/staff/privacy/export" ||
                     path == "/staff/privacy/erase" ||
                     path.starts_with("/staff/mail/") || path.starts_with("/staff/cases/");
  if (!known) {
    call.route = "/staff/other";
    return staff_message(call, 404, "error_heading", "not_found", who.has_value());
  }
  if (!who) {
    call.route = path.starts_with("/staff/cases/")     ? "/staff/cases/{ref}"
                 : path.starts_with("/staff/mail/")    ? "/staff/mail/{id}"
                 : path.starts_with("/staff/replies/") ? "/staff/replies/{id}/remove"
                                                       : path;
    if (call.engine().staff_accounts_exist()) {
      // Back to the page asked for after signing in (a GET's; a form's post is not replayed).
      const std::string here = std::string(path) +
                               (call.request.query.empty() ? "" : "?" + call.request.query);
      return staff_login_form(call, 401, "staff_session_ended", get ? here : "/staff/");
    }
    return staff_message(call, 401, "staff_sign_in_heading", "staff_sign_in_text", false);
  }
  if (path == "/staff/" || path == "/staff/export.csv") {
    call.route = path;
    if (!get) return staff_method_not_allowed(call, "GET");
    if (path == "/staff/export.csv" || call.query.get("format") == "csv") {
      return staff_export(call, *who);
    }
    return staff_queue_page(call, *who);
  }
  if (path == "/staff/bulk") {
    call.route = "/staff/bulk";
    if (!post) return staff_method_not_allowed(call, "POST");
    return staff_bulk(call, *who);
  }
  if (path == "/staff/new") {
    call.route = "/staff/new";
    if (get) return staff_new_page(call, *who);
    if (post) return staff_new_submit(call, *who);
    return staff_method_not_allowed(call, "GET, POST");
  }
  if (path == "/staff/report") {
    call.route = "/staff/report";
    if (!get) return staff_method_not_allowed(call, "GET");
    return staff_report_page(call, *who);
  }
  if (path == "/staff/replies") {
    call.route = "/staff/replies";
    if (get) {
      return staff_replies_page(call, *who,
                                call.query.get("saved") == "1" ? call.text("staff_replies_saved") : "");
    }
    if (post) return staff_replies_save(call, *who);
    return staff_method_not_allowed(call, "GET, POST");
  }
  if (path.starts_with("/staff/replies/")) {
    // /staff/replies/{id}/remove
    const std::string_view rest = path.substr(15);
    const auto slash = rest.find('/');
    const std::string id = url_decode(rest.substr(0, slash), false);
    if (id.empty() || slash == std::string_view::npos || rest.substr(slash) != "/remove") {
      call.route = "/staff/other";
      return staff_message(call, 404, "error_heading", "not_found");
    }
    codec::check_text(id, codec::kMaxIdBytes, "id");
    call.route = "/staff/replies/{id}/remove";
    if (!post) return staff_method_not_allowed(call, "POST");
    return staff_replies_remove(call, *who, id);
  }
  if (path == "/staff/privacy") {
    call.route = "/staff/privacy";
    if (!get) return staff_method_not_allowed(call, "GET");
    return staff_privacy_page(call, *who);
  }
  if (path == "/staff/privacy/export" || path == "/staff/privacy/erase") {
    call.route = path;
    if (!post) return staff_method_not_allowed(call, "POST");
    return staff_privacy_submit(call, *who, path.substr(15));
  }
  if (path == "/staff/mail") {
    call.route = "/staff/mail";
    if (!get) return staff_method_not_allowed(call, "GET");
    return staff_mail_page(call, *who);
  }
  if (path.starts_with("/staff/mail/")) {
    // /staff/mail/{id}/attach or /staff/mail/{id}/dismiss
    const std::string_view rest = path.substr(12);
    const auto slash = rest.find('/');
    const std::string_view what = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    const std::string id = url_decode(rest.substr(0, slash == std::string_view::npos ? rest.size() : slash), false);
    if (id.empty() || (what != "attach" && what != "dismiss")) {
      call.route = "/staff/other";
      return staff_message(call, 404, "error_heading", "not_found");
    }
    codec::check_text(id, codec::kMaxIdBytes, "id");
    call.name_route("/staff/mail/{id}/" + std::string(what));
    if (!post) return staff_method_not_allowed(call, "POST");
    return staff_mail_settle(call, *who, id, what);
  }
  std::string_view rest = path.substr(13);
  const auto slash = rest.find('/');
  const std::string ref = url_decode(rest.substr(0, slash), false);
  const std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (tail.starts_with("/documents/") && !ref.empty()) {
    call.route = "/staff/cases/{ref}/documents/{type}";
    if (!get) return staff_method_not_allowed(call, "GET");
    codec::check_text(ref, codec::kMaxIdBytes, "ref");
    return staff_case_document(call, *who, ref, tail.substr(11));
  }
  if (tail.starts_with("/files/") && !ref.empty()) {
    call.route = "/staff/cases/{ref}/files/{id}";
    if (!get) return staff_method_not_allowed(call, "GET");
    codec::check_text(ref, codec::kMaxIdBytes, "ref");
    return staff_case_file(call, *who, ref, url_decode(tail.substr(7), false));
  }
  if (ref.empty() || (tail != "" && tail != "/actions")) {
    call.route = "/staff/other";
    return staff_message(call, 404, "error_heading", "not_found");
  }
  codec::check_text(ref, codec::kMaxIdBytes, "ref");
  if (tail.empty()) {
    call.route = "/staff/cases/{ref}";
    if (!get) return staff_method_not_allowed(call, "GET");
    return staff_case_page(call, *who, ref);
  }
  call.route = "/staff/cases/{ref}/actions";
  if (!post) return staff_method_not_allowed(call, "POST");
  return staff_act(call, *who, ref);
}

}  // namespace

Response staff_route(Call &call, std::string_view path) {
  Response response;
  const bool api = path.starts_with("/staff/api/");
  try {
    response = route(call, path);
  } catch (const Error &error) {
    const int status = http_status(error.status());
    if (api) {
      response = status == 404 ? api_error(404, "not_found", "no such resource")
                               : api_error(status == 503 ? 503 : 500, "internal",
                                           "the request could not be completed");
    } else if (status == 404) {
      response = staff_message(call, 404, "error_heading", "not_found");
    } else if (status == 422) {
      response = staff_message(call, 400, "error_heading", "bad_request");
    } else {
      response = staff_message(call, status == 503 ? 503 : 500, "error_heading", "server_error");
    }
  }
  // The desk has its own session and token: no customer CSRF cookie beside its own, so that a
  // host passing headers through reclaim_http_handle (one value per name) sees rc_staff's. The
  // sign-in form is the exception: before a session, that signed cookie is its CSRF defence
  // (its responses set no rc_staff but the successful post's, when rc_csrf is set already).
  if (!call.login_form) call.new_nonce = false;
  response.set("Cache-Control", "no-store");
  return response;
}

}  // namespace reclaim::http
