#include "core/supplier_claims.hpp"

#include <boost/json/array.hpp>

#include "core/currency.hpp"
#include "core/error.hpp"
#include "core/item_refs.hpp"
#include "core/time.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

// The default: how long a supplier is given when the caller names no date.
constexpr int kDefaultAnswerDays = 30;

// What the claimed units cost the customer, when every one of them has a price in one currency.
std::optional<Money> price_of(const Case &subject, const std::vector<ClaimedItem> &items) {
  std::optional<Money> total;
  for (const auto &claimed : items) {
    const CaseItem &item = subject.items.at(static_cast<std::size_t>(claimed.item - 1));
    if (!item.unit_price) return std::nullopt;
    if (total && total->currency != item.unit_price->currency) return std::nullopt;
    const Decimal value = item.unit_price->amount.times(claimed.qty);
    total = total ? Money{total->amount + value, total->currency}
                  : Money{value, item.unit_price->currency};
  }
  // What the customer paid, to the currency's minor units (a unit price from a host's line total
  // may carry a fraction of a cent).
  if (total) total->amount = round_to(total->amount, currency_minor_units(total->currency).value_or(2));
  return total;
}

// A claim's amounts: above zero, and far enough below Decimal's limit that a report can add up
// every claim of a period.
const Decimal kMostClaimed = Decimal::from_units(1'000'000'000 * Decimal::kOne);

void check_amount(const Money &amount) {
  if (amount.amount.negative() || amount.amount.zero()) {
    fail(Status::invalid_argument, "amount must be above zero", "amount");
  }
  if (amount.amount > kMostClaimed) {
    fail(Status::invalid_argument, "amount must be at most 1000000000", "amount");
  }
}

SupplierClaim &claim_answered(Case &subject, const std::optional<int> &number) {
  auto &claims = subject.supplier_claims;
  if (number) {
    if (*number < 1 || static_cast<std::size_t>(*number) > claims.size()) {
      fail(Status::invalid_argument, "the case has no supplier claim " + std::to_string(*number),
           "claim");
    }
    return claims[static_cast<std::size_t>(*number - 1)];
  }
  SupplierClaim *open = nullptr;
  int count = 0;
  for (auto &claim : claims) {
    if (claim.open()) {
      open = &claim;
      ++count;
    }
  }
  if (count == 0) {
    fail(Status::not_allowed, "the case has no open supplier claim", "claim", "no_open_claim");
  }
  if (count > 1) {
    fail(Status::invalid_argument,
         "the case has " + std::to_string(count) + " open supplier claims: name the claim",
         "claim");
  }
  return *open;
}

}  // namespace

std::int64_t units_claimed(const Case &subject, int item) {
  std::int64_t units = 0;
  for (const auto &claim : subject.supplier_claims) {
    if (claim.answer == "rejected") continue;
    for (const auto &claimed : claim.items) {
      if (claimed.item == item) units += claimed.qty;
    }
  }
  return units;
}

void claim_supplier(Case &subject, const ActionRequest &request, const ActionContext &context,
                    json::object &data) {
  if (subject.supplier_claims.size() >= kMaxSupplierClaims) {
    fail(Status::invalid_argument,
         "a case holds at most " + std::to_string(kMaxSupplierClaims) + " supplier claims",
         "supplier");
  }
  if (request.supplier.find_first_not_of(" \t") == std::string::npos) {
    fail(Status::invalid_argument, "name the supplier", "supplier");
  }
  SupplierClaim claim;
  claim.claim = static_cast<int>(subject.supplier_claims.size()) + 1;
  claim.supplier = request.supplier;
  claim.reference = request.reference;
  claim.note = request.message;
  claim.claimed_at = context.now;
  claim.answer_due = context.supplier_answer_due > context.now
                         ? context.supplier_answer_due
                         : context.now + kDefaultAnswerDays * kMsPerDay;
  // Units claimed by this request count as taken for the refs after them.
  auto available = [&](const CaseItem &item) {
    std::int64_t units = item.qty - units_claimed(subject, item.item);
    for (const auto &claimed : claim.items) {
      if (claimed.item == item.item) units -= claimed.qty;
    }
    return units;
  };
  if (request.items.empty()) {
    for (const auto &item : subject.items) {
      if (const auto units = available(item); units > 0) claim.items.push_back({item.item, units});
    }
    if (claim.items.empty()) {
      fail(Status::not_allowed, "every unit of this case is already claimed from a supplier",
           "items", "already_claimed");
    }
  } else {
    for (const auto &ref : request.items) {
      const CaseItem &item = find_item(subject, ref);
      const std::int64_t units = available(item);
      if (units <= 0) {
        fail(Status::not_allowed, "every unit of this item is already claimed from a supplier",
             ref.field, "already_claimed");
      }
      claim.items.push_back({item.item, ref_qty(ref, units, units)});
    }
  }
  if (request.amount) {
    check_amount(*request.amount);
    claim.claimed = request.amount;
  } else {
    try {
      claim.claimed = price_of(subject, claim.items);
    } catch (const Error &) {
      fail(Status::invalid_argument, "the claimed goods are worth more than an amount can hold",
           "items");
    }
    if (claim.claimed && claim.claimed->amount > kMostClaimed) {
      fail(Status::invalid_argument, "the claimed goods are worth more than 1000000000: name the amount",
           "amount");
    }
  }
  data["claim"] = supplier_claim_to_json(claim);
  subject.supplier_claims.push_back(std::move(claim));
}

void answer_supplier_claim(Case &subject, const ActionRequest &request, UnixMs now,
                           json::object &data) {
  SupplierClaim &claim = claim_answered(subject, request.claim);
  if (!claim.open()) {
    fail(Status::not_allowed,
         "supplier claim " + std::to_string(claim.claim) + " was already answered (" +
             claim.answer + ")",
         "claim", "already_answered");
  }
  if (request.answer == "accepted") {
    if (request.amount) {
      check_amount(*request.amount);
      claim.recovered = request.amount;
    } else if (claim.claimed) {
      claim.recovered = claim.claimed;
    } else {
      fail(Status::invalid_argument,
           "required: what the supplier gives back (the claim named no amount)", "amount");
    }
    if (!request.reason.empty()) {
      fail(Status::invalid_argument, "an accepted claim takes no reason", "reason");
    }
  } else {
    if (request.amount) {
      fail(Status::invalid_argument, "a rejected claim recovers nothing", "amount");
    }
    // Free text could name the customer again after their data was erased.
    if (subject.anonymised_at && !request.reason.empty()) {
      fail(Status::not_allowed,
           "the personal data of this case was erased: record the answer without the reasons",
           "reason", "anonymised");
    }
    claim.answer_reason = request.reason;
  }
  claim.answer = request.answer;
  claim.answered_at = now;
  claim.answer_reference = request.reference;
  data["claim"] = supplier_claim_to_json(claim);
}

json::object supplier_claim_to_json(const SupplierClaim &claim) {
  json::array items;
  for (const auto &claimed : claim.items) {
    items.push_back(json::object{{"item", claimed.item}, {"qty", claimed.qty}});
  }
  json::object out{{"claim", claim.claim},
                   {"supplier", claim.supplier},
                   {"items", std::move(items)},
                   {"claimed", claim.claimed ? json::value(money_to_json(*claim.claimed))
                                             : json::value(nullptr)},
                   {"claimed_at", format_rfc3339(claim.claimed_at)},
                   {"answer_due", format_rfc3339(claim.answer_due)},
                   {"answer", claim.open() ? json::value(nullptr) : json::value(claim.answer)}};
  if (!claim.reference.empty()) out["reference"] = claim.reference;
  if (!claim.note.empty()) out["note"] = claim.note;
  if (claim.answered_at) out["answered_at"] = format_rfc3339(*claim.answered_at);
  if (claim.recovered) out["recovered"] = money_to_json(*claim.recovered);
  if (!claim.answer_reference.empty()) out["answer_reference"] = claim.answer_reference;
  if (!claim.answer_reason.empty()) out["answer_reason"] = claim.answer_reason;
  return out;
}

}  // namespace reclaim
