// The queue's current view as CSV: the same filters and order as the page, every page of it up
// to kExportRows rows, headings in the page's language. Spreadsheets run a cell that starts with
// = + - @ (or a tab or carriage return before one) as a formula, so such a cell gets a leading
// apostrophe: a customer's name cannot become a formula on a colleague's machine.
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/time.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace {

constexpr int kExportRows = 10'000;
constexpr int kExportPage = 500;

// One cell, quoted (RFC 4180), with the formula guard.
void add_cell(std::string &out, std::string_view text, bool first) {
  if (!first) out += ',';
  out += '"';
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    out += '\'';
  }
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void add_row(std::string &out, const std::vector<std::string> &cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) add_cell(out, cells[i], i == 0);
  out += "\r\n";
}

// A file name from a shop id: letters, digits, '-' and '_' only.
std::string file_part(const std::string &text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
  }
  return out.empty() ? "shop" : out;
}

}  // namespace

Response staff_export(Call &call, const StaffCall &who) {
  const StaffMember &staff = who.staff();
  const std::string shop = staff_shop(call, staff);
  QueueFilter filter;
  try {
    filter = queue_filter(call.query, shop, kExportPage);
  } catch (const Error &failed) {
    if (failed.status() != Status::invalid_argument) throw;
    return staff_message(call, 400, "error_heading", "staff_bad_filter");
  }
  const UnixMs now = call.engine().now();
  const UnixMs at_risk_ms = call.engine().staff_at_risk_ms(shop);
  const std::string zone = shop_zone(call, shop);
  std::string out = "\xEF\xBB\xBF";  // UTF-8, so that spreadsheets read Polish and Russian right
  add_row(out, {call.text("staff_col_number"), call.text("staff_filter_kind"),
                call.text("staff_col_state"), call.text("staff_opened"), call.text("staff_col_due"),
                call.text("staff_csv_mark"), call.text("staff_customer_name"), "E-mail",
                call.text("staff_col_order"), call.text("staff_col_assignee"),
                call.text("staff_priority"), call.text("staff_filter_channel"),
                call.text("staff_tags")});
  int written = 0;
  CaseQuery query = case_query(filter, staff);
  for (;;) {
    const CasePage page = call.engine().staff_cases(staff, query);
    for (const Case &c : page.cases) {
      const std::string mark = deadline_mark(c, now, at_risk_ms);
      std::string tags;
      for (const auto &tag : c.tags) tags += (tags.empty() ? "" : ", ") + tag;
      add_row(
          out,
          {c.number, call.text("kind_name_" + std::string(name(c.kind))),
           call.text("staff_state_" + std::string(name(c.state))), local_time(zone, c.created_at),
           c.deadlines.decision_due && undecided(c.state)
               ? local_time(zone, *c.deadlines.decision_due)
               : std::string(),
           mark.empty() ? std::string() : call.text("staff_" + mark), c.customer.name,
           c.customer.email, c.order_id, c.assignee, call.text("staff_priority_" + c.priority),
           c.channel.empty() ? std::string() : call.text("staff_channel_" + c.channel), tags});
      if (++written >= kExportRows) break;
    }
    if (written >= kExportRows || !page.next_cursor) break;
    const Case &last = page.cases.back();
    query.after = std::make_pair(last.deadlines.decision_due.value_or(kMaxTime), last.id);
  }
  Response response;
  response.set("Content-Type", "text/csv; charset=utf-8");
  response.set("Content-Disposition", "attachment; filename=\"cases-" + file_part(shop) + "-" +
                                          format_rfc3339(now).substr(0, 10) + ".csv\"");
  response.body = std::move(out);
  return response;
}

}  // namespace reclaim::http
