// report: reclaim_report as a table, a JSON document, or CSV/HTML text, to stdout or a file.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "table.hpp"

namespace reclaimctl {
namespace {

// "0.6667" → "66.7 %"; null → "-".
std::string percent(const Json *value) {
  if (value == nullptr || value->kind != Json::Kind::number) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %%", std::stod(value->text) * 100.0);
  return text;
}

std::string cell(const Json &group, const char *path) {
  const Json *value = group.at(path);
  return value ? value->cell() : "-";
}

std::string money(const Json &group) {
  std::string out;
  if (const Json *refunded = group.get("refunded")) {
    for (const Json &m : refunded->items) {
      if (!out.empty()) out += ", ";
      out += cell(m, "amount") + " " + cell(m, "currency");
    }
  }
  return out.empty() ? "-" : out;
}

std::string top_reason(const Json &group) {
  const Json *reasons = group.get("top_reasons");
  if (reasons == nullptr || reasons->items.empty()) return "-";
  return cell(reasons->items[0], "reason") + " (" + cell(reasons->items[0], "cases") + ")";
}

void write_text(const std::string &text, const std::optional<std::string> &path) {
  if (!path || *path == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(*path, std::ios::binary | std::ios::trunc);
  if (!(out << text) || !out.flush()) throw ToolError("cannot write " + *path);
  std::cerr << "wrote " << *path << "\n";
}

void print_table(const Json &report) {
  const Json *groups = report.get("groups");
  const bool sales = report.get("group_by") && (report.get("group_by")->text == "sku" ||
                                                report.get("group_by")->text == "supplier" ||
                                                report.get("group_by")->text == "category");
  std::vector<std::string> headings = {
      "GROUP",      "OPENED",   "DECIDED",    "RESOLVED", "OPEN", "OVERDUE", "ACCEPTED",
      "HANDLING H", "MEDIAN H", "1ST RESP H", "ON TIME",  "CSAT", "REPEATS", "REFUNDED"};
  if (sales) {
    for (const char *h : {"SOLD", "CLAIMED", "CLAIM RATE"}) headings.emplace_back(h);
  }
  headings.emplace_back("TOP REASON");
  Table table(headings);
  const auto row = [&](const Json &g, const std::string &key) {
    std::vector<std::string> cells = {key,
                                      cell(g, "opened"),
                                      cell(g, "decided"),
                                      cell(g, "resolved"),
                                      cell(g, "open"),
                                      cell(g, "overdue"),
                                      percent(g.get("acceptance_rate")),
                                      cell(g, "handling_hours.mean"),
                                      cell(g, "handling_hours.median"),
                                      cell(g, "first_response_hours.mean"),
                                      percent(g.get("deadline_compliance")),
                                      percent(g.at("csat.satisfied_share")),
                                      percent(g.get("repeat_rate")),
                                      money(g)};
    if (sales) {
      cells.push_back(cell(g, "units_sold"));
      cells.push_back(cell(g, "units_claimed"));
      const Json *low = g.get("low_volume");
      cells.push_back(percent(g.get("claim_rate")) +
                      (low && low->text == "true" ? " (few sold)" : ""));
    }
    cells.push_back(top_reason(g));
    table.add(cells);
  };
  if (groups != nullptr) {
    for (const Json &g : groups->items) row(g, cell(g, "key"));
  }
  if (const Json *totals = report.get("totals")) row(*totals, "(all)");
  std::cout << cell(report, "from") << " … " << cell(report, "to") << " ("
            << cell(report, "timezone") << "), cases opened, by " << cell(report, "group_by")
            << "\n\n";
  table.print(std::cout);
  if (const Json *targets = report.get("targets")) {
    std::cout << "\nTargets\n";
    Table t({"TARGET", "GOAL", "VALUE", "MET"});
    for (const auto &[name, target] : targets->members) {
      const bool hours = name == "handling_hours";
      const auto shown = [&](const char *key) {
        return hours ? cell(target, key) + " h" : percent(target.get(key));
      };
      const Json *met = target.get("met");
      t.add({name, shown("target"),
             target.get("value") && !target.get("value")->is_null() ? shown("value") : "-",
             met == nullptr || met->is_null() ? "-"
             : met->text == "true"            ? "yes"
                                              : "no"});
    }
    t.print(std::cout);
  }
}

}  // namespace

int run_report(Session &s, const Args &args) {
  std::string query = "{";
  const auto add = [&](const char *key, const std::string &json_value) {
    query += (query.size() > 1 ? "," : "") + quote_json(key) + ":" + json_value;
  };
  const std::pair<const char *, const char *> fields[] = {
      {"shop", "shop"},         {"from", "from"},     {"to", "to"},        {"kind", "kind"},
      {"group-by", "group_by"}, {"format", "format"}, {"locale", "locale"}};
  for (const auto &[option, key] : fields) {
    if (auto v = args.value(option)) add(key, quote_json(*v));
  }
  if (auto limit = args.integer("limit", 1, 10000)) add("limit", std::to_string(*limit));
  if (auto min = args.integer("min-units-sold", 0, 1000000000)) {
    add("min_units_sold", std::to_string(*min));
  }
  query += "}";
  char *out = nullptr;
  const int status = reclaim_report(s.engine(), query.c_str(), &out);
  Json report = s.take("", status, out);
  const auto output = args.value("output");
  // CSV and HTML answer {"format", "content_type", "body"}: the body is the file.
  if (const Json *body = report.get("body");
      body && body->kind == Json::Kind::string && !s.json()) {
    write_text(body->text, output);
    return kExitOk;
  }
  if (s.json() || output) {
    write_text(report.raw + "\n", output);
    return kExitOk;
  }
  print_table(report);
  return kExitOk;
}

}  // namespace reclaimctl
