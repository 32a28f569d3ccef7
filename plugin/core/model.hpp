// Value types of the domain: orders as imported, cases as they move, and what they leave behind.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

struct Money {
  Decimal amount;
  std::string currency;
};

struct Customer {
  std::string email;
  std::string name;
  std::string locale;
  std::string type;  // consumer, sole_trader, business; empty when unknown
  std::string phone;
  // The host's own id of the customer, when the order carries one (block lists may name it).
  std::string id;
};

// Where an order goes; personal data like the rest of the customer (core/privacy.hpp).
struct Address {
  std::string line1, line2, city, postcode, region, country;
};

// Whether the e-mail a customer gives is the one on record: the same letters, in any case.
// An empty address matches nothing, not even another empty one: it proves nothing.
bool same_email(std::string_view a, std::string_view b);

// The most units one order line or case item may hold; every reader refuses more.
inline constexpr std::int64_t kMaxQuantity = 1'000'000;

struct OrderLine {
  std::string id;
  std::string sku;
  std::string name;
  std::int64_t qty = 0;
  Decimal unit_price;  // per unit, tax included, in the order's currency
  std::optional<Decimal> tax_rate;
  std::string category;
  std::vector<std::string> tags;
  std::string supplier;
  std::int64_t refunded_qty = 0;
};

struct Order {
  std::string id;
  std::string number;
  std::string currency;
  std::optional<UnixMs> placed_at, paid_at, shipped_at, delivered_at;
  Customer customer;
  std::vector<OrderLine> lines;
  std::optional<Decimal> shipping_amount;
  std::string shipping_method;
  std::optional<Address> shipping_address;
  boost::json::object extra;
  // Where it came from: the adapter that imported it, and what that adapter keeps of the host's
  // document to write requests back (host ids, line totals, tax ids). Stored beside the order.
  std::string adapter = "reclaim";
  boost::json::object host;

  const OrderLine *line(const std::string &line_id) const;
};

struct Actor {
  Role role = Role::system;
  std::string id;
};

// What an exchange gives instead of the goods returned (CONTRACT §7). variant_id is the host's
// id of those goods, for hosts whose exchange or order API names goods by id, not SKU.
struct ExchangeGoods {
  std::string sku;
  std::string name;
  std::int64_t qty = 0;
  Money unit_price;
  std::string variant_id;
};

struct Resolution {
  ResolutionType type = ResolutionType::refund;
  std::optional<Money> amount;  // refunds, reductions, credit
  std::optional<ExchangeGoods> exchange{};
  // An exchange's price difference: the goods given less the goods returned, in the order's
  // currency. Above zero the customer pays it, below zero the shop refunds it.
  std::optional<Money> difference{};
};

// How an exchange's difference is settled: "charge", "refund" or "none"; and its size.
std::string_view settlement(const Money &difference);
Money magnitude(const Money &difference);

// Whether a resolution gives money back (refund, partial refund, price reduction): what a host
// pays out and what reports count as refunded. Store credit and discount codes carry an amount
// but pay nothing out; the others carry none.
bool gives_money_back(ResolutionType type);

struct ItemDecision {
  enum class Outcome { pending, accepted, rejected };
  Outcome outcome = Outcome::pending;
  std::int64_t qty = 0;  // accepted quantity
  std::optional<Resolution> resolution;
  std::string reason;  // why (the rest) was rejected
};

struct CaseItem {
  int item = 0;       // 1-based position in the case
  std::string line;   // order line id; empty for goods bought without an order
  std::string sku;
  std::string name;
  std::int64_t qty = 0;
  std::optional<Money> unit_price;
  std::string reason;
  std::string serial;
  std::string note;
  ItemDecision decision;
  std::int64_t received_qty = 0;
  std::string condition;
  // Units received back per disposition given on receipt (kDispositions); those received without
  // one are not in it.
  std::map<std::string, std::int64_t> disposed;
};

// The shop's claim against its supplier for goods of the case (CONTRACT §7): its own recourse,
// with its own target date for the supplier's answer, and what the supplier gave back.
struct ClaimedItem {
  int item = 0;  // the case item
  std::int64_t qty = 0;
};

struct SupplierClaim {
  int claim = 0;  // 1-based number within the case
  std::string supplier;
  std::string reference;  // the shop's reference sent to the supplier
  std::vector<ClaimedItem> items;
  std::optional<Money> claimed;  // what the shop asks back; none when the items have no price
  std::string note;
  UnixMs claimed_at = 0;
  UnixMs answer_due = 0;  // the shop's target (policy sla.supplier_answer_days)
  std::string answer;     // "" while open, then kSupplierAnswers
  std::optional<UnixMs> answered_at;
  std::optional<Money> recovered;  // accepted: what the supplier credits or pays back
  std::string answer_reference;    // the supplier's credit note or letter
  std::string answer_reason;       // rejected: the supplier's reasons

  bool open() const { return answer.empty(); }
  bool overdue(UnixMs now) const { return open() && now > answer_due; }
};

// The money an accepted item gives back: the amount of a refund, partial refund or price
// reduction, or the difference of an exchange for cheaper goods; none otherwise.
std::optional<Money> money_back(const CaseItem &item);

struct Deadlines {
  std::optional<UnixMs> first_response_due;
  std::optional<UnixMs> decision_due;
  std::optional<UnixMs> resolution_due;
  std::string basis;  // the rule the decision date comes from
  bool statutory = false;          // decision_due is the law's limit, not the shop's target
  bool deemed_on_expiry = false;   // silence until decision_due accepts the case (PL art. 7a)
  int penalty_percent_per_day = 0;  // accrues on the price after decision_due (RU ст. 23)
  bool penalty_capped = false;     // at most the price
};

struct Rating {
  int score = 0;
  std::string comment;
  UnixMs at = 0;
};

// Why a case was sent to a person (core/abuse.hpp): the flag, the policy's rule that raised it
// and the figures behind it ({"returns": 11, "max_returns": 10}).
struct Flag {
  std::string name;
  std::string rule;
  boost::json::object figures;
};

struct Case {
  std::string id;
  std::string number;
  std::string shop;
  Kind kind = Kind::complaint;
  State state = State::received;
  std::string channel;
  std::int64_t version = 1;
  UnixMs created_at = 0;
  UnixMs updated_at = 0;
  Actor opened_by;
  std::string order_id;
  Customer customer;
  std::vector<CaseItem> items;
  std::string description;
  std::string preferred_resolution;
  std::string assignee;
  std::string priority = "normal";
  std::vector<std::string> tags;
  bool escalated = false;
  Deadlines deadlines;
  // Decision and what followed.
  std::optional<UnixMs> first_response_at;
  std::optional<UnixMs> decided_at;
  Actor decided_by;
  bool partial = false;
  bool deemed = false;
  std::string reject_reason;
  std::optional<UnixMs> resolved_at;
  std::string fulfil_reference;
  std::optional<UnixMs> closed_at;
  std::optional<UnixMs> ended_at;  // last entry into rejected/resolved/closed: the appeal clock
  int reopened = 0;
  // The version of the case's status links: renewing them bumps it and refuses the earlier ones.
  std::int64_t link_version = 0;
  std::optional<Rating> rating;
  // A legal hold's reason: while set, retention and erasure leave the case whole.
  std::optional<std::string> legal_hold;
  // When its customer's personal data was erased (core/privacy.hpp); it then takes no actions.
  std::optional<UnixMs> anonymised_at;
  // Raised when the case was opened (core/abuse.hpp); staff see them, the customer does not.
  std::vector<Flag> flags;
  std::vector<SupplierClaim> supplier_claims;
  boost::json::object extra;
  // When the deadline watch should next look at the case (kMaxTime: never); kept by storage
  // beside the body, not in it.
  UnixMs next_alert_at = kMaxTime;

  CaseItem *find_item(const std::string &line, int item);
};

// "199.99": the amount with the currency's minor units (more places only where needed).
std::string amount_text(const Decimal &amount, const std::string &currency);
// {"amount": "199.99", "currency": "PLN"}
boost::json::object money_to_json(const Money &money);
// {"PLN": "500.00", "EUR": "120.00"}
boost::json::object amounts_to_json(const std::map<std::string, Decimal> &amounts);
// {"type": "refund", "amount": {…}}
boost::json::object resolution_to_json(const Resolution &resolution);

// One entry of a case's history: who did what, when, from which state to which.
struct HistoryEntry {
  UnixMs at = 0;
  Actor actor;
  std::string action;
  State from = State::received;
  State to = State::received;
  boost::json::object data;
  bool customer_visible = false;
};

// One outbox row, written in the transaction of the change that caused it.
struct Event {
  std::int64_t seq = 0;  // assigned by storage
  std::string type;
  std::string case_id;
  std::string case_number;
  std::string shop;
  UnixMs at = 0;
  bool customer_visible = false;
  boost::json::object data;
};

}  // namespace reclaim
