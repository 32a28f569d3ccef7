// Personal data at the desk, for supervisors. GET /staff/privacy asks for a customer's e-mail;
// POST /staff/privacy/export hands their data over as a JSON download (reclaim_subject_export's
// document), POST /staff/privacy/erase anonymises them (reclaim_subject_erase) once a reason is
// given and the erasure confirmed, then says what was anonymised and which cases were kept, why.
#include <boost/json/serialize.hpp>

#include "codec/privacy_json.hpp"
#include "codec/reader.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

bool may_use(const StaffMember &staff) { return staff.role == Role::supervisor; }

struct PrivacyForm {
  std::string shop, email, reason;
};

Response privacy_page(Call &call, const StaffCall &who, const PrivacyForm &form,
                      const std::string &error, const Erasure *done, int status) {
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_privacy_heading");
  context["lang"] = call.lang;
  context["export_action"] = call.base() + "/staff/privacy/export";
  context["erase_action"] = call.base() + "/staff/privacy/erase";
  context["email"] = form.email;
  context["reason"] = form.reason;
  const auto &shops = who.staff().shops;
  context["several_shops"] = shops.size() > 1;
  json::array options;
  for (const auto &shop : shops) {
    options.push_back(json::object{{"value", shop}, {"selected", shop == form.shop}});
  }
  context["shops"] = std::move(options);
  if (!error.empty()) context["error"] = error;
  if (done) {
    context["done"] = filled(call.text("staff_privacy_done"),
                             {{"cases", std::to_string(done->cases)},
                              {"orders", std::to_string(done->orders)},
                              {"messages", std::to_string(done->messages + done->received)},
                              {"files", std::to_string(done->attachments)}});
    context["erasure"] = done->id;
    json::array kept;
    for (const auto &one : done->kept) {
      kept.push_back(json::object{{"number", one.number},
                                  {"href", call.base() + "/staff/cases/" + url_encode(one.number) +
                                               "?" + lang_query(call)},
                                  {"why", call.text("staff_privacy_kept_" + one.why)}});
    }
    context["has_kept"] = !kept.empty();
    context["kept"] = std::move(kept);
  }
  return page(call, "staff_privacy", std::move(context), status);
}

}  // namespace

Response staff_privacy_page(Call &call, const StaffCall &who) {
  if (!may_use(who.staff())) {
    return staff_message(call, 403, "error_heading", "staff_privacy_supervisors");
  }
  PrivacyForm form{staff_shop(who.staff(), call.query.get("shop")), "", ""};
  return privacy_page(call, who, form, {}, nullptr, 200);
}

Response staff_privacy_submit(Call &call, const StaffCall &who, std::string_view what) {
  const StaffMember &staff = who.staff();
  if (!may_use(staff)) return staff_message(call, 403, "error_heading", "staff_privacy_supervisors");
  if (!form_csrf_ok(call, who)) return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  PrivacyForm form{staff_shop(staff, call.form->get("shop")),
                   std::string(trim(call.form->get("email"))),
                   std::string(trim(call.form->get("reason")))};
  const auto refuse = [&](std::string_view key) {
    return privacy_page(call, who, form, call.text(key), nullptr, 422);
  };
  if (form.email.size() > 254 || form.email.find('@') == std::string::npos) {
    return refuse("staff_privacy_email_needed");
  }
  SubjectRequest request{form.shop, form.email, {Role::supervisor, staff.id}, form.reason};
  if (what == "export") {
    const SubjectExport data = call.engine().subject_export(request);
    Response response;
    response.set("Content-Type", "application/json; charset=utf-8");
    // The file is named after the day, not the person: downloads folders are not private.
    response.set("Content-Disposition",
                 "attachment; filename=\"personal-data-" +
                     format_rfc3339(call.engine().now()).substr(0, 10) + ".json\"");
    response.body = json::serialize(codec::to_json(data));
    return response;
  }
  if (form.reason.empty()) return refuse("staff_privacy_reason_needed");
  if (form.reason.size() > 500) return refuse("staff_privacy_reason_needed");
  if (call.form->get("confirm") != "yes") return refuse("staff_privacy_confirm_needed");
  const Erasure done = call.engine().subject_erase(request);
  form.email.clear();  // the page that reports the erasure no longer shows the address
  form.reason.clear();
  return privacy_page(call, who, form, {}, &done, 200);
}

}  // namespace reclaim::http
