// Canned replies at the desk. GET /staff/replies lists a shop's replies, with a form to add or
// (?edit=ID) change one; POST /staff/replies saves, POST /staff/replies/{id}/remove removes.
// Supervisors manage them; agents read them. On a case page, a reply chosen from the list
// (?reply=ID) is filled in for the case and put in the message fields, without JavaScript.
#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

bool may_manage(const StaffMember &staff) { return staff.role == Role::supervisor; }

std::string replies_url(Call &call, const std::string &shop) {
  return call.base() + "/staff/replies?shop=" + url_encode(shop) + "&" + lang_query(call);
}

}  // namespace

Response staff_replies_page(Call &call, const StaffCall &who, const std::string &notice,
                            const std::string &error, int status, const CannedReply *draft) {
  const StaffMember &staff = who.staff();
  const std::string shop =
      staff_shop(staff, call.form ? call.form->get("shop") : call.query.get("shop"));
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_replies_heading");
  if (!notice.empty()) context["notice"] = notice;
  if (!error.empty()) context["error"] = error;
  context["manage"] = may_manage(staff);
  json::array placeholders;
  for (const auto name : kCannedPlaceholders) {
    placeholders.emplace_back("{{" + std::string(name) + "}}");
  }
  context["placeholders"] = std::move(placeholders);
  context["shop"] = shop;
  context["lang"] = call.lang;
  context["save_action"] = call.base() + "/staff/replies";
  const auto replies =
      call.engine().canned_replies(CannedRequest{CannedOp::list, shop, "", "", {}, "", ""}).replies;
  // The form: the reply being edited (?edit=ID), the one just refused, or a new one.
  CannedReply editing;
  if (draft) {
    editing = *draft;
  } else if (const std::string id = call.query.get("edit"); !id.empty()) {
    for (const auto &reply : replies) {
      if (reply.id == id) editing = reply;
    }
  }
  json::array shown;
  for (const auto &reply : replies) {
    shown.push_back(json::object{
        {"id", reply.id},
        {"title", reply.title},
        {"language", call.site.views.text(reply.locale, "lang_name")},
        {"locale", reply.locale},
        {"reason_label", reply.reason.empty() ? call.text("staff_replies_any_reason")
                                              : call.text("reason_" + reply.reason)},
        {"body", reply.body},
        {"updated", local_time(shop_zone(call, shop), reply.updated_at)},
        {"edit_href", replies_url(call, shop) + "&edit=" + url_encode(reply.id) + "#reply-form"},
        {"remove_action", call.base() + "/staff/replies/" + url_encode(reply.id) + "/remove"}});
  }
  context["has_replies"] = !shown.empty();
  context["replies"] = std::move(shown);
  context["editing"] = !editing.id.empty();
  context["form_id"] = editing.id;
  context["form_title"] = editing.title;
  context["form_body"] = editing.body;
  json::array locales;
  const std::string locale = editing.locale.empty() ? call.lang : editing.locale;
  for (const auto code : kLocales) {
    locales.push_back(json::object{{"value", code},
                                   {"label", call.site.views.text(code, "lang_name")},
                                   {"selected", code == locale}});
  }
  context["locales"] = std::move(locales);
  json::array reasons{json::object{{"value", ""},
                                   {"label", call.text("staff_replies_any_reason")},
                                   {"selected", editing.reason.empty()}}};
  for (auto &option : options_of(call, kReasons, "reason_", editing.reason)) {
    reasons.push_back(std::move(option));
  }
  context["reasons"] = std::move(reasons);
  json::array shops;
  for (const auto &id : staff.shops) {
    const std::string &label = call.engine().shop_config(id).name;
    shops.push_back(json::object{
        {"value", id}, {"label", label.empty() ? id : label}, {"selected", id == shop}});
  }
  context["shops"] = std::move(shops);
  context["several_shops"] = staff.shops.size() > 1;
  return page(call, "staff_replies", std::move(context), status);
}

Response staff_replies_save(Call &call, const StaffCall &who) {
  if (!form_csrf_ok(call, who)) return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  const StaffMember &staff = who.staff();
  if (!may_manage(staff)) return staff_message(call, 403, "error_heading", "staff_replies_not_yours");
  const Form &form = *call.form;
  CannedRequest request;
  request.op = CannedOp::save;
  request.shop = staff_shop(staff, form.get("shop"));
  request.reply.id = form.get("id");
  request.reply.locale = form.get("locale");
  request.reply.reason = form.get("reason");
  request.reply.title = std::string(trim(form.get("title")));
  request.reply.body = form.get("body");
  request.reply.updated_by = staff.id;
  const bool known_locale = std::ranges::find(kLocales, request.reply.locale) != std::end(kLocales);
  const bool known_reason = request.reply.reason.empty() ||
                            std::ranges::find(kReasons, request.reply.reason) != std::end(kReasons);
  if (!known_locale || !known_reason || request.reply.title.size() > kCannedTitleMaxBytes ||
      request.reply.body.size() > kCannedBodyMaxBytes) {
    return staff_replies_page(call, who, {}, call.text("staff_replies_invalid"), 422,
                              &request.reply);
  }
  try {
    call.engine().canned_replies(request);
  } catch (const Error &error) {
    if (error.status() == Status::invalid_argument) {
      const std::string why = error.field() == "reply.body" && std::string_view(error.what()) != "required"
                                  ? call.text("staff_replies_placeholder")
                                  : call.text("staff_replies_invalid");
      return staff_replies_page(call, who, {}, why, 422, &request.reply);
    }
    if (error.status() == Status::not_found && error.field() == "reply.id") {
      return staff_replies_page(call, who, {}, call.text("staff_replies_gone"), 409);
    }
    if (error.status() == Status::not_allowed) {
      return staff_replies_page(call, who, {}, call.text("staff_replies_full"), 409, &request.reply);
    }
    throw;
  }
  return redirect(call, replies_url(call, request.shop) + "&saved=1");
}

Response staff_replies_remove(Call &call, const StaffCall &who, const std::string &id) {
  if (!form_csrf_ok(call, who)) return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  const StaffMember &staff = who.staff();
  if (!may_manage(staff)) return staff_message(call, 403, "error_heading", "staff_replies_not_yours");
  const std::string shop = staff_shop(staff, call.form->get("shop"));
  try {
    call.engine().canned_replies(CannedRequest{CannedOp::remove, shop, "", "", {}, id, ""});
  } catch (const Error &error) {
    if (error.status() != Status::not_found) throw;
    return staff_replies_page(call, who, {}, call.text("staff_replies_gone"), 409);
  }
  return staff_replies_page(call, who, call.text("staff_replies_removed"), {}, 200);
}

void add_canned_replies(Call &call, const Case &c, json::object &context) {
  // The replies in the case's language that suit its reason (or any reason).
  const std::string locale = c.customer.locale.empty()
                                 ? call.engine().shop_config(c.shop).locale
                                 : c.customer.locale;
  const std::string reason = c.items.empty() ? std::string() : c.items.front().reason;
  const auto replies =
      call.engine()
          .canned_replies(CannedRequest{CannedOp::list, c.shop, locale, reason, {}, "", ""})
          .replies;
  if (replies.empty()) return;
  const std::string asked = call.query.get("reply");
  json::array options;
  for (const auto &reply : replies) {
    options.push_back(json::object{
        {"value", reply.id}, {"label", reply.title}, {"selected", reply.id == asked}});
  }
  context["has_canned"] = true;
  context["canned"] = std::move(options);
  context["canned_lang"] = call.lang;
  if (asked.empty()) return;
  std::string text;
  try {
    text = call.engine().render_canned_reply(c, asked, "").text;
  } catch (const Error &error) {
    if (error.status() != Status::not_found) throw;
    context["canned_gone"] = true;
    return;
  }
  // Into every message field, and those forms open.
  for (auto &form : context["forms"].as_array()) {
    auto &fields = form.as_object();
    if (fields.contains("f_message")) {
      fields["message_value"] = text;
      fields["open"] = true;
    }
  }
}

}  // namespace reclaim::http
