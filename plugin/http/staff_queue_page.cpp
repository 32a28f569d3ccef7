// The case queue: the member of staff's own and unassigned cases by default, nearest decision
// date first, with every filter of the queue, counts by stage for the same filters, at-risk and
// overdue rows marked, a page of 50 at a time, and a form to act on the selected cases at once.
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr int kPageSize = 50;

constexpr std::string_view kAssigneeChoices[] = {"mine_or_unassigned", "mine", "unassigned", "any"};

// "Decision due within 72 h": the at-risk window of the shop's policy, in the page's language.
std::string at_risk_label(Call &call, UnixMs at_risk_ms) {
  std::string text = call.text("staff_at_risk_within");
  const auto marker = text.find("{hours}");
  if (marker != std::string::npos) {
    text.replace(marker, 7, std::to_string(at_risk_ms / kMsPerHour));
  }
  return text;
}

json::object row_of(Call &call, const Case &c, UnixMs now, UnixMs at_risk_ms,
                    const std::string &zone) {
  const std::string mark = deadline_mark(c, now, at_risk_ms);
  json::array tags;
  for (const auto &tag : c.tags) tags.emplace_back(tag);
  return json::object{
      {"number", c.number},
      {"selection", c.number + ":" + std::to_string(c.version)},
      {"href", case_url(call, c) + "?" + lang_query(call)},
      {"kind_label", call.text("kind_name_" + std::string(name(c.kind)))},
      {"state_label", call.text("staff_state_" + std::string(name(c.state)))},
      {"channel_label",
       c.channel.empty() ? std::string() : call.text("staff_channel_" + c.channel)},
      {"customer", c.customer.name.empty() ? c.customer.email : c.customer.name},
      {"email", c.customer.email},
      {"order", c.order_id},
      {"created_local", local_time(zone, c.created_at)},
      {"due_local", c.deadlines.decision_due && undecided(c.state)
                        ? json::value(local_time(zone, *c.deadlines.decision_due))
                        : json::value(nullptr)},
      {"overdue", mark == "overdue"},
      {"at_risk", mark == "at_risk"},
      {"assignee", c.assignee},
      {"priority_label",
       c.priority == "normal" ? std::string() : call.text("staff_priority_" + c.priority)},
      {"has_tags", !tags.empty()},
      {"tags", std::move(tags)}};
}

}  // namespace

Response staff_queue_page(Call &call, const StaffCall &who) {
  const StaffMember &staff = who.staff();
  const std::string shop = staff_shop(call, staff);
  const std::string q(call.query.get("q"));
  if (!q.empty() && call.query.get("after").empty()) {
    if (auto found = staff_case_by_number(call, staff, q)) {
      return redirect(call, case_url(call, found->subject) + "?" + lang_query(call));
    }
  }
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_queue_heading");
  std::string error;
  QueueFilter filter;
  filter.shop = shop;
  StaffQueue queue;
  CaseQuery query;
  try {
    filter = queue_filter(call.query, shop, kPageSize);
    query = case_query(filter, staff);
    queue = call.engine().staff_queue(staff, query);
  } catch (const Error &failed) {
    if (failed.status() != Status::invalid_argument) throw;
    error = call.text("staff_bad_filter");
    if (!failed.field().empty()) error += " (" + failed.field() + ")";
    queue.at_risk_ms = call.engine().staff_at_risk_ms(shop);
  }
  const CasePage &cases = queue.page;
  const StateCounts &counts = queue.counts;
  const UnixMs now = call.engine().now();
  const UnixMs at_risk_ms = queue.at_risk_ms;
  const std::string zone = shop_zone(call, shop);
  const std::string lang = "&" + lang_query(call);

  json::array rows;
  for (const Case &c : cases.cases) rows.push_back(row_of(call, c, now, at_risk_ms, zone));

  json::array count_list;
  std::int64_t total = 0;
  for (const auto state : kStateNames) {
    const auto found = counts.n.find(std::string(state));
    const std::int64_t n = found == counts.n.end() ? 0 : found->second;
    const bool more = counts.more.count(std::string(state)) > 0;
    total += n;
    count_list.push_back(json::object{
        {"label", call.text("staff_state_" + std::string(state))},
        {"count", std::to_string(n) + (more ? "+" : "")},
        {"current", filter.state == state},
        {"href", call.base() + "/staff/?" + filter.query_string(std::string(state)) + lang}});
  }
  context["counts_total"] = std::to_string(total) + (counts.more.empty() ? "" : "+");
  if (!counts.more.empty()) {
    context["counts_more"] = filled(call.text("staff_counts_more"),
                                    {{"limit", std::to_string(query.count_limit)}});
  }
  context["counts_all_href"] = call.base() + "/staff/?" + filter.query_string("all") + lang;

  json::array state_options;
  state_options.push_back(json::object{{"value", "open"},
                                       {"label", call.text("staff_state_open")},
                                       {"selected", filter.state == "open"}});
  state_options.push_back(json::object{{"value", "all"},
                                       {"label", call.text("staff_state_all")},
                                       {"selected", filter.state == "all"}});
  for (auto &option : options_of(call, kStateNames, "staff_state_", filter.state)) {
    state_options.push_back(std::move(option));
  }
  json::array shops;
  if (staff.shops.size() > 1) {
    for (const auto &id : staff.shops) {
      const std::string &label = call.engine().shop_config(id).name;
      shops.push_back(json::object{
          {"value", id}, {"label", label.empty() ? id : label}, {"selected", id == shop}});
    }
  }
  if (cases.next_cursor) {
    context["next_href"] = call.base() + "/staff/?" + filter.query_string() +
                           "&after=" + url_encode(*cases.next_cursor) + lang;
  }
  context["export_href"] = call.base() + "/staff/export.csv?" + filter.query_string() + lang;
  context["error"] = error;
  context["rows"] = std::move(rows);
  context["empty"] = context["rows"].as_array().empty();
  context["counts"] = std::move(count_list);
  context["state_options"] = std::move(state_options);
  context["kind_options"] =
      select_of(call, kKindNames, "kind_name_", filter.kind, "staff_kind_any");
  context["reason_options"] = select_of(call, kReasons, "reason_", filter.reason, "staff_any");
  context["priority_options"] =
      select_of(call, kPriorities, "staff_priority_", filter.priority, "staff_any");
  context["channel_options"] =
      select_of(call, kChannels, "staff_channel_", filter.channel, "staff_any");
  context["assignee_options"] = options_of(call, kAssigneeChoices, "staff_assignee_",
                                           filter.assignee == "person" ? "" : filter.assignee);
  context["more_open"] = !filter.person.empty() || !filter.reason.empty() ||
                        !filter.priority.empty() || !filter.channel.empty() || !filter.tag.empty();
  context["person"] = filter.person;
  context["tag"] = filter.tag;
  context["has_shops"] = !shops.empty();
  context["shops"] = std::move(shops);
  context["shop"] = shop;
  context["q"] = filter.q;
  context["overdue_checked"] = filter.overdue;
  context["at_risk_checked"] = filter.at_risk;
  context["at_risk_label"] = at_risk_label(call, at_risk_ms);
  context["has_at_risk"] = at_risk_ms > 0;
  // The bulk form under the table.
  context["me"] = staff.id;
  context["bulk_priorities"] = options_of(call, kPriorities, "staff_priority_", "normal");
  context["return_to"] = "/staff/?" + filter.query_string() + lang;
  return page(call, "staff_queue", std::move(context));
}

}  // namespace reclaim::http
