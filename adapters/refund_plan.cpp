#include "adapters/refund_plan.hpp"

#include <cstdlib>

#include "adapters/host_value.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

std::string money_text(const Decimal &amount, int minor) { return amount.to_string(minor); }

json::value money_number(const Decimal &amount, int minor) {
  const std::string text = money_text(amount, minor);
  if (amount.units() % Decimal::kOne == 0) return json::value(amount.units() / Decimal::kOne);
  return json::value(std::strtod(text.c_str(), nullptr));
}

json::value id_value(const std::string &id) {
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return json::value(id);
  }
  return json::value(std::stoll(id));
}

Decimal host_decimal(const json::object &host, const char *key, Decimal fallback) {
  const auto *v = host.if_contains(key);
  if (!v || !v->is_string()) return fallback;
  return Decimal::parse(v->get_string()).value_or(fallback);
}

std::string host_text(const json::object &host, const char *key) {
  const auto *v = host.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return {};
}

namespace {

json::object host_line(const Order &order, const std::string &line_id) {
  const auto *lines = order.host.if_contains("lines");
  if (!lines || !lines->is_object()) return {};
  const auto *line = lines->get_object().if_contains(line_id);
  return line && line->is_object() ? line->get_object() : json::object{};
}

void split_tax(RefundLine &out, int minor) {
  const Decimal line_gross =
      host_decimal(out.host, "total", out.line->unit_price.times(out.line->qty));
  const auto *tax_known = out.host.if_contains("tax");
  if (tax_known && !line_gross.zero()) {
    const Decimal line_tax = host_decimal(out.host, "tax");
    out.tax = portion(out.gross, line_tax.units(), line_gross.units(), minor);
  } else if (out.line->tax_rate) {
    const Decimal rate = *out.line->tax_rate;
    const Decimal hundred = Decimal::from_units(100 * Decimal::kOne);
    out.tax = portion(out.gross, rate.units(), (hundred + rate).units(), minor);
  }
  out.net = out.gross - out.tax;
}

}  // namespace

bool refunds_money(const CaseItem &item) { return money_back(item).has_value(); }

void check_decided(const Case &subject) {
  if (subject.state != State::accepted && subject.state != State::resolved) {
    fail(Status::not_allowed,
         "case " + subject.number + " is " + std::string(name(subject.state)) +
             "; a host payload renders an accepted resolution (accepted or resolved cases)",
         "case_ref");
  }
}

RefundPlan plan_refund(const Order &order, const Case &subject) {
  check_decided(subject);
  RefundPlan plan;
  plan.currency = order.currency;
  plan.minor = minor_units(order.currency, "currency");
  plan.case_id = subject.id;
  plan.case_number = subject.number;
  plan.order_id = order.id;
  for (const auto &item : subject.items) {
    const auto back = money_back(item);
    if (!back) continue;
    const auto &decision = item.decision;
    const OrderLine *line = order.line(item.line);
    if (!line) {
      fail(Status::invalid_argument,
           "case item " + std::to_string(item.item) + " names line '" + item.line +
               "', which order " + order.id + " does not have",
           "case_ref");
    }
    if (back->currency != order.currency) {
      fail(Status::invalid_argument, "the resolution's currency differs from the order's",
           "case_ref");
    }
    RefundLine out;
    out.line = line;
    out.item = item.item;
    out.host = host_line(order, line->id);
    out.resolution = decision.resolution->type;
    const Decimal amount = back->amount;
    const Decimal value = line->unit_price.times(decision.qty);
    if (out.resolution == ResolutionType::refund) {
      out.qty = decision.qty;
      // Units received back go to stock unless staff said otherwise (quarantine, scrap, repair,
      // back to the supplier).
      std::int64_t elsewhere = 0;
      for (const auto &[word, units] : item.disposed) {
        if (word != "restock") elsewhere += units;
      }
      const std::int64_t to_stock = std::max<std::int64_t>(item.received_qty - elsewhere, 0);
      out.restock_qty = std::min(to_stock, decision.qty);
    }
    if (out.resolution == ResolutionType::refund && amount == value) {
      const Decimal line_gross = host_decimal(out.host, "total", line->unit_price.times(line->qty));
      out.gross = decision.qty == line->qty
                      ? round_to(line_gross, plan.minor)
                      : portion(line_gross, decision.qty, line->qty, plan.minor);
    } else {
      out.gross = round_to(amount, plan.minor);
    }
    split_tax(out, plan.minor);
    plan.gross = plan.gross + out.gross;
    plan.tax = plan.tax + out.tax;
    plan.net = plan.net + out.net;
    if (!plan.note.empty()) plan.note += ", ";
    plan.note += line->name + " × " + std::to_string(decision.qty) + ": " + std::string(name(out.resolution));
    plan.lines.push_back(std::move(out));
  }
  bool any_units = false;
  plan.restock = true;
  for (const auto &line : plan.lines) {
    if (line.qty == 0) continue;
    any_units = true;
    plan.restock = plan.restock && line.restock();
  }
  plan.restock = plan.restock && any_units;
  if (plan.lines.empty()) {
    fail(Status::not_allowed,
         "case " + subject.number +
             " has no accepted refund, partial refund, price reduction or exchange for cheaper "
             "goods; nothing for the host to pay back",
         "case_ref");
  }
  plan.note = subject.number + " (" + std::string(name(subject.kind)) + "): " + plan.note;
  return plan;
}

}  // namespace reclaim::adapters
