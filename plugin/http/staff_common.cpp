// What the staff desk's pages share (staff_pages.hpp).
#include <date/tz.h>

#include <cstdio>

#include "core/crypto.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

bool https_shop(Call &call) {
  const std::string &url = call.engine().shop_config(call.site.options.shop).public_url;
  return url.size() > 8 && (url.starts_with("https://") || url.starts_with("HTTPS://"));
}

}  // namespace

bool is_language(std::string_view code) {
  for (auto known : kLanguages) {
    if (known == code) return true;
  }
  return false;
}

std::optional<StaffCall> signed_in(Call &call) {
  std::string secret(cookie(call.request.header("cookie"), kStaffCookie));
  if (secret.empty()) return std::nullopt;
  auto session = call.engine().staff_session(secret);
  if (!session) return std::nullopt;
  return StaffCall{std::move(secret), std::move(*session)};
}

std::string session_cookie(Call &call, const std::string &value, bool clear) {
  return std::string(kStaffCookie) + "=" + value + "; Path=" + call.base() + "/staff/" +
         (clear ? "; Max-Age=0" : "") + (https_shop(call) ? "; Secure" : "") +
         "; HttpOnly; SameSite=Strict";
}

bool form_csrf_ok(const Call &call, const StaffCall &who) {
  return call.form && !call.form->get("csrf").empty() && !who.session.csrf.empty() &&
         equal_in_constant_time(call.form->get("csrf"), who.session.csrf);
}

Response staff_message(Call &call, int status, std::string_view heading, std::string_view text,
                       bool queue_link) {
  return page(call, "staff_message",
              {{"heading", call.text(heading)},
               {"text", call.text(text)},
               {"title", call.text(heading)},
               {"queue_link", queue_link}},
              status);
}

Response staff_method_not_allowed(Call &call, const char *allow, bool queue_link) {
  Response response = staff_message(call, 405, "error_heading", "bad_request", queue_link);
  response.set("Allow", allow);
  return response;
}

std::string staff_shop(const StaffMember &staff, const std::string &asked) {
  if (asked.empty()) return staff.shops.front();
  if (!staff.sees(asked)) fail(Status::not_found, "no such shop for this member of staff", "shop");
  return asked;
}

void add_bar(Call &call, const StaffCall &who, json::object &context) {
  const std::int64_t drafts = call.engine().staff_draft_count(who.staff());
  json::value whole_bar = json::object{
      {"staff_name", who.staff().name.empty() ? who.staff().id : who.staff().name},
      {"role_label", call.text("staff_role_" + std::string(name(who.staff().role)))},
      {"csrf", who.session.csrf},
      {"lang", call.lang},
      {"base", call.base()},
      {"queue_url", call.base() + "/staff/?" + lang_query(call)},
      {"new_url", call.base() + "/staff/new?" + lang_query(call)},
      {"mail_url", call.base() + "/staff/mail?" + lang_query(call)},
      {"report_url", call.base() + "/staff/report?" + lang_query(call)},
      {"replies_url", call.base() + "/staff/replies?" + lang_query(call)}};
  json::object &bar = whole_bar.get_object();  // rendered as the value, not copied into one
  if (who.staff().role == Role::supervisor) {
    bar["privacy_url"] = call.base() + "/staff/privacy?" + lang_query(call);
  }
  if (drafts > 0) bar["drafts"] = drafts;
  context["csrf"] = who.session.csrf;
  context["queue_url"] = bar["queue_url"];
  context["bar"] =
      call.site.views.page("staff_bar").render(whole_bar, &call.site.views.outer(call.lang));
}

std::string actor_label(Call &call, const Actor &actor) {
  std::string label = call.text("staff_role_" + std::string(name(actor.role)));
  if (!actor.id.empty()) label += ": " + actor.id;
  return label;
}

std::string local_time(const std::string &zone, UnixMs at) {
  return local_time(*date::locate_zone(zone), at);
}

std::string local_time(const date::time_zone &zone, UnixMs at) {
  // Written by hand rather than by date::format: a queue page writes a hundred of these, and
  // the stream behind date::format took a tenth of the page.
  const auto instant = std::chrono::floor<std::chrono::minutes>(
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at)));
  const auto local = zone.to_local(instant);
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss<std::chrono::seconds> time(local - day);
  std::string text = "0000-00-00 00:00";
  // Writes `value`'s digits so that its last one is at text[end - 1] (the zeros stay in front).
  const auto put = [&](std::size_t end, long value) {
    for (std::size_t digit = end; value > 0 && digit > 0; value /= 10) {
      text[--digit] = static_cast<char>('0' + value % 10);
    }
  };
  put(4, static_cast<int>(ymd.year()));
  put(7, static_cast<unsigned>(ymd.month()));
  put(10, static_cast<unsigned>(ymd.day()));
  put(13, static_cast<long>(time.hours().count()));
  put(16, static_cast<long>(time.minutes().count()));
  return text;
}

std::string shop_zone(Call &call, const std::string &shop) {
  return call.engine().shop_config(shop).timezone;
}

std::string lang_query(Call &call) { return "lang=" + call.lang; }

std::string case_url(Call &call, const Case &c) { return case_url(call, c.number); }

std::string case_url(Call &call, const std::string &number) {
  return call.base() + "/staff/cases/" + url_encode(number);
}

json::array options_of(Call &call, std::span<const std::string_view> words, std::string_view prefix,
                       const std::string &selected) {
  json::array out;
  for (const auto word : words) {
    out.push_back(json::object{{"value", word},
                               {"label", call.text(std::string(prefix) + std::string(word))},
                               {"selected", word == selected}});
  }
  return out;
}

json::array select_of(Call &call, std::span<const std::string_view> words, std::string_view prefix,
                      const std::string &selected, std::string_view none_key) {
  json::array out;
  out.push_back(
      json::object{{"value", ""}, {"label", call.text(none_key)}, {"selected", selected.empty()}});
  for (auto &option : options_of(call, words, prefix, selected)) out.push_back(std::move(option));
  return out;
}

std::string deadline_mark(const Case &c, UnixMs now, UnixMs at_risk_ms) {
  return deadline_mark(c.state, c.deadlines.decision_due, now, at_risk_ms);
}

std::string deadline_mark(State state, std::optional<UnixMs> decision_due, UnixMs now,
                          UnixMs at_risk_ms) {
  if (!undecided(state) || !decision_due) return "";
  if (*decision_due < now) return "overdue";
  if (*decision_due - now <= at_risk_ms) return "at_risk";
  return "";
}

json::array comma_list(std::string_view text) {
  json::array words;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view word = trim(text.substr(pos, comma - pos));
    if (!word.empty()) words.emplace_back(word);
    pos = comma + 1;
  }
  return words;
}

}  // namespace reclaim::http
