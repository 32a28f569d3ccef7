// The case queue: the member of staff's own and unassigned cases by default, nearest decision
// date first, with every filter of the queue, counts by stage for the same filters, at-risk and
// overdue rows marked, a page of 50 at a time, and a form to act on the selected cases at once.
#include <boost/json/monotonic_resource.hpp>
#include <date/tz.h>
#include <cstddef>
#include <map>

#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr int kPageSize = 50;
constexpr std::size_t kArenaBytes = 256 * 1024;  // a page of 50 rows takes under half

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

// The page's labels by key, each looked up once per page rather than once per row.
class Labels {
 public:
  explicit Labels(Call &call) : call_(call) {}
  const std::string &operator()(const std::string &key) {
    auto found = known_.find(key);
    if (found == known_.end()) found = known_.emplace(key, call_.text(key)).first;
    return found->second;
  }

 private:
  Call &call_;
  std::map<std::string, std::string, std::less<>> known_;
};

json::object row_of(Call &call, Labels &label, const QueueRow &c, UnixMs now, UnixMs at_risk_ms,
                    const date::time_zone &zone, const std::string &lang,
                    const json::storage_ptr &storage) {
  const std::string mark = deadline_mark(c.state, c.decision_due, now, at_risk_ms);
  json::array tags(storage);
  for (const auto &tag : c.tags) tags.emplace_back(tag);
  return json::object(
      {{"number", c.number},
       {"selection", c.number + ":" + std::to_string(c.version)},
       {"href", case_url(call, c.number) + "?" + lang},
       {"kind_label", label("kind_name_" + std::string(name(c.kind)))},
       {"state_label", label("staff_state_" + std::string(name(c.state)))},
       {"channel_label", c.channel.empty() ? std::string() : label("staff_channel_" + c.channel)},
       {"customer", c.customer_name.empty() ? c.customer_email : c.customer_name},
       {"email", c.customer_email},
       {"order", c.order_id},
       {"created_local", local_time(zone, c.created_at)},
       {"due_local", c.decision_due && undecided(c.state)
                         ? json::value(local_time(zone, *c.decision_due))
                         : json::value(nullptr)},
       {"overdue", mark == "overdue"},
       {"at_risk", mark == "at_risk"},
       {"assignee", c.assignee},
       {"priority_label",
        c.priority == "normal" ? std::string() : label("staff_priority_" + c.priority)},
       {"has_tags", !tags.empty()},
       {"tags", std::move(tags)}},
      storage);
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
  // The page's values live in one arena, dropped at once with the page (the arena neither
  // shared nor freeing, its values are not visited to be destroyed). Its first block is this
  // thread's, kept between pages: a block taken from the heap and given back on every page
  // made glibc return memory to the system and fault it in again each time.
  alignas(std::max_align_t) static thread_local unsigned char first_block[kArenaBytes];
  json::monotonic_resource arena(first_block, sizeof first_block);
  const json::storage_ptr storage(&arena);
  json::object context(storage);
  add_bar(call, who, context);
  context["title"] = call.text("staff_queue_heading");
  std::string error;
  QueueFilter filter;
  filter.shop = shop;
  StaffQueueRows queue;
  CaseQuery query;
  try {
    filter = queue_filter(call.query, shop, kPageSize);
    query = case_query(filter, staff);
    queue = call.engine().staff_queue_rows(staff, query);
  } catch (const Error &failed) {
    if (failed.status() != Status::invalid_argument) throw;
    error = call.text("staff_bad_filter");
    if (!failed.field().empty()) error += " (" + failed.field() + ")";
    queue.at_risk_ms = call.engine().staff_at_risk_ms(shop);
  }
  const QueueRowPage &cases = queue.page;
  const StateCounts &counts = queue.counts;
  const UnixMs now = call.engine().now();
  const UnixMs at_risk_ms = queue.at_risk_ms;
  const date::time_zone &zone = *date::locate_zone(shop_zone(call, shop));
  const std::string lang = "&" + lang_query(call);

  const std::string row_lang = lang_query(call);
  json::array rows(storage);
  rows.reserve(cases.rows.size());
  Labels labels(call);
  for (const QueueRow &c : cases.rows) {
    rows.push_back(row_of(call, labels, c, now, at_risk_ms, zone, row_lang, storage));
  }

  json::array count_list(storage);
  std::int64_t total = 0;
  for (const auto state : kStateNames) {
    const auto found = counts.n.find(std::string(state));
    const std::int64_t n = found == counts.n.end() ? 0 : found->second;
    const bool more = counts.more.count(std::string(state)) > 0;
    total += n;
    count_list.push_back(json::object(
        {{"label", call.text("staff_state_" + std::string(state))},
         {"count", std::to_string(n) + (more ? "+" : "")},
         {"current", filter.state == state},
         {"href", call.base() + "/staff/?" + filter.query_string(std::string(state)) + lang}},
        storage));
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
