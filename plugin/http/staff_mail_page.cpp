// GET /staff/mail: the e-mails that went to no case (docs/MESSAGES.md, "Inbound mail"): from
// a stranger, about a closed case, or naming no case. Each can open a new case (/staff/new
// with the mail filled in), be added to a case as an internal note, or be dismissed (spam, a
// thank-you). POST /staff/mail/{id}/attach and /staff/mail/{id}/dismiss settle one.
#include <boost/json/serialize.hpp>

#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr int kDraftsShown = 100;

}  // namespace

Response staff_mail_page(Call &call, const StaffCall &who, const std::string &notice,
                         const std::string &error, int status) {
  const StaffMember &staff = who.staff();
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_mail_heading");
  if (!notice.empty()) context["notice"] = notice;
  if (!error.empty()) context["error"] = error;
  json::array drafts;
  for (const auto &draft : call.engine().staff_drafts(staff, kDraftsShown)) {
    const std::string action = call.base() + "/staff/mail/" + url_encode(draft.id);
    drafts.push_back(json::object{
        {"id", draft.id},
        {"received", local_time(shop_zone(call, draft.shop), draft.received_at)},
        {"from_name", draft.from_name},
        {"from_address", draft.from_address},
        {"subject", draft.subject},
        {"text", draft.text},
        {"reason", call.text("staff_mail_reason_" + draft.reason)},
        {"shop", draft.shop},
        {"new_href", call.base() + "/staff/new?draft=" + url_encode(draft.id) + "&" + lang_query(call)},
        {"attach_action", action + "/attach"},
        {"dismiss_action", action + "/dismiss"}});
  }
  context["has_drafts"] = !drafts.empty();
  context["drafts"] = std::move(drafts);
  context["several_shops"] = staff.shops.size() > 1;
  return page(call, "staff_mail", std::move(context), status);
}

Response staff_mail_settle(Call &call, const StaffCall &who, const std::string &id,
                           std::string_view what) {
  if (!form_csrf_ok(call, who)) {
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  }
  const StaffMember &staff = who.staff();
  const auto gone = [&] {
    return staff_mail_page(call, who, {}, call.text("staff_mail_gone"), 409);
  };
  InboundDraft draft;
  try {
    draft = call.engine().staff_draft(staff, id);
  } catch (const Error &error) {
    if (error.status() != Status::not_found) throw;
    return gone();
  }
  if (what == "dismiss") {
    try {
      call.engine().settle_draft(staff, id, {});
    } catch (const Error &error) {
      if (error.status() != Status::not_found) throw;
      return gone();
    }
    return staff_mail_page(call, who, call.text("staff_mail_dismissed"), {}, 200);
  }
  // Attach: the mail becomes an internal note on the case, then the draft is settled.
  const std::string ref(trim(call.form->get("case")));
  if (ref.empty()) return staff_mail_page(call, who, {}, call.text("staff_mail_no_case"), 422);
  codec::check_text(ref, codec::kMaxIdBytes, "case");
  CaseRecord target;
  try {
    target = call.engine().staff_case(staff, ref);
    if (target.subject.shop != draft.shop) fail(Status::not_found, "another shop's case");
  } catch (const Error &error) {
    if (error.status() != Status::not_found) throw;
    return staff_mail_page(call, who, {}, call.text("staff_mail_no_case"), 422);
  }
  std::string note = call.text("staff_mail_note_from") + " " + draft.from_address;
  if (!draft.subject.empty()) note += " (" + draft.subject + ")";
  note += ":\n\n" + draft.text;
  const json::object document{{"action", "comment"},
                              {"actor", json::object{{"role", "agent"}}},
                              {"message", note.substr(0, 19'000)},
                              {"customer_visible", false}};
  try {
    call.engine().staff_act(staff, target.subject.id, codec::action_request_from_json(document),
                            sha256_hex(id + json::serialize(document)));
    call.engine().settle_draft(staff, id, target.subject.id);
  } catch (const Error &error) {
    if (error.status() == Status::not_found) return gone();
    if (error.status() != Status::not_allowed && error.status() != Status::conflict) throw;
    return staff_mail_page(call, who, {}, call.text("staff_error_state"), 409);
  }
  return redirect(call, case_url(call, target.subject) + "?" + lang_query(call));
}

}  // namespace reclaim::http
