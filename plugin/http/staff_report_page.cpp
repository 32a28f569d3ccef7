// GET /staff/report: the HTML report (docs/REPORTS-HTML.md) of one of the staff member's shops
// for a period and a grouping chosen in a form, in the page's language. The fragment's own
// <style> element is left out (the desk's CSP allows none); its rules come with style.css.
#include <boost/json/object.hpp>

#include "codec/report_json.hpp"
#include "codec/views_json.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/report.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr std::string_view kReportKinds[] = {"", "complaint", "return"};

// The fragment without its <style> element.
std::string without_style(std::string html) {
  const auto open = html.find("<style");
  const auto close = html.find("</style>", open == std::string::npos ? 0 : open);
  if (open != std::string::npos && close != std::string::npos) {
    html.erase(open, close + 8 - open);
  }
  return html;
}

}  // namespace

Response staff_report_page(Call &call, const StaffCall &who) {
  const StaffMember &staff = who.staff();
  const Form &query = call.query;
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_report_heading");
  const std::string shop = query.get("shop").empty() ? staff.shops.front() : query.get("shop");
  if (!staff.sees(shop)) fail(Status::not_found, "no such shop for this member of staff", "shop");

  const std::string group_by = query.get("group_by").empty() ? "week" : query.get("group_by");
  json::object document{{"shop", shop}, {"group_by", group_by}, {"format", "html"},
                        {"locale", call.lang}};
  for (const char *field : {"from", "to", "kind"}) {
    if (!query.get(field).empty()) document[field] = query.get(field);
  }
  int status = 200;
  try {
    const ReportAnswer answer = call.engine().report(codec::report_query_from_json(document));
    const json::object rendered = codec::to_json(answer);
    context["report"] = without_style(std::string(rendered.at("body").as_string()));
    context["from"] = format_day(answer.figures.from);
    context["to"] = format_day(answer.figures.to);
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument) throw;
    context["error"] = call.text("staff_report_invalid") +
                       (error.field().empty() ? std::string() : " (" + error.field() + ")");
    context["from"] = query.get("from");
    context["to"] = query.get("to");
    status = 422;
  }
  json::array shops;
  for (const auto &id : staff.shops) {
    const std::string &label = call.engine().shop_config(id).name;
    shops.push_back(json::object{{"value", id}, {"label", label.empty() ? id : label},
                                 {"selected", id == shop}});
  }
  context["shops"] = std::move(shops);
  context["several_shops"] = staff.shops.size() > 1;
  context["groupings"] = options_of(call, kGroupingNames, "staff_group_", group_by);
  json::array kinds = options_of(call, kReportKinds, "staff_report_kind_", query.get("kind"));
  kinds[0].as_object()["label"] = call.text("staff_kind_any");
  context["kinds"] = std::move(kinds);
  return page(call, "staff_report", std::move(context), status);
}

}  // namespace reclaim::http
