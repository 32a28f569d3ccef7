#include "core/state_machine.hpp"

#include <vector>

#include "core/error.hpp"

namespace reclaim {

namespace {

constexpr unsigned kCustomer = bit(Role::customer);
constexpr unsigned kAgent = bit(Role::agent);
constexpr unsigned kSupervisor = bit(Role::supervisor);
constexpr unsigned kHost = bit(Role::host);
constexpr unsigned kSystem = bit(Role::system);
constexpr unsigned kStaff = kAgent | kSupervisor;

constexpr unsigned kReceived = bit(State::received);
constexpr unsigned kInReview = bit(State::in_review);
constexpr unsigned kWaitingCustomer = bit(State::waiting_for_customer);
constexpr unsigned kWaitingGoods = bit(State::waiting_for_goods);
constexpr unsigned kGoodsReceived = bit(State::goods_received);
constexpr unsigned kAccepted = bit(State::accepted);
constexpr unsigned kRejected = bit(State::rejected);
constexpr unsigned kResolved = bit(State::resolved);
constexpr unsigned kClosed = bit(State::closed);
constexpr unsigned kCancelled = bit(State::cancelled);

constexpr unsigned kUndecided =
    kReceived | kInReview | kWaitingCustomer | kWaitingGoods | kGoodsReceived;
constexpr unsigned kAll = (1u << std::size(kStateNames)) - 1;
constexpr unsigned kNotFinished = kAll & ~(kClosed | kCancelled);

// The fields of the requests.
constexpr std::string_view kMessage[] = {"message"};
constexpr std::string_view kInstructions[] = {"instructions"};
constexpr std::string_view kReceipt[] = {"items", "condition", "disposition"};
constexpr std::string_view kDecision[] = {"resolution", "items", "reason", "explanation"};
constexpr std::string_view kReason[] = {"reason"};
constexpr std::string_view kReference[] = {"reference"};
constexpr std::string_view kRating[] = {"score", "comment"};
constexpr std::string_view kScore[] = {"score"};
constexpr std::string_view kAssignee[] = {"assignee"};
constexpr std::string_view kEscalation[] = {"reason", "to"};
constexpr std::string_view kComment[] = {"message", "customer_visible"};
constexpr std::string_view kPriority[] = {"priority"};
constexpr std::string_view kTags[] = {"add", "remove"};
constexpr std::string_view kHold[] = {"hold", "reason"};
constexpr std::string_view kHoldFlag[] = {"hold"};
constexpr std::string_view kClaim[] = {"supplier", "reference", "items", "amount", "currency",
                                       "message"};
constexpr std::string_view kSupplier[] = {"supplier"};
constexpr std::string_view kAnswer[] = {"claim", "answer", "amount", "currency", "reference",
                                        "reason"};
constexpr std::string_view kAnswerWord[] = {"answer"};

// Indexed by Action; the order must follow the enum (checked below).
constexpr Transition kTable[] = {
    {.action = Action::review,
     .roles = kStaff,
     .from = kReceived,
     .to = State::in_review,
     .customer_visible = true},
    {.action = Action::request_info,
     .roles = kStaff,
     .from = kReceived | kInReview | kGoodsReceived,
     .to = State::waiting_for_customer,
     .customer_visible = true,
     .fields = kMessage,
     .required = kMessage,
     .recorded = kMessage,
     .shown_event = "case.message"},
    {.action = Action::reply,
     .roles = kCustomer,
     .from = kWaitingCustomer,
     .to = State::in_review,
     .customer_visible = true,
     .fields = kMessage,
     .required = kMessage,
     .recorded = kMessage,
     .shown_event = "case.message"},
    {.action = Action::authorize_return,
     .roles = kStaff,
     .from = kReceived | kInReview,
     .to = State::waiting_for_goods,
     .customer_visible = true,
     .fields = kInstructions,
     .recorded = kInstructions},
    // To goods_received once every unit is in; until then it stays waiting for goods.
    {.action = Action::receive_goods,
     .roles = kStaff | kHost,
     .from = kWaitingGoods,
     .to = State::goods_received,
     .customer_visible = true,
     .fields = kReceipt},
    {.action = Action::accept,
     .roles = kStaff,
     .from = kReceived | kInReview | kGoodsReceived,
     .to = State::accepted,
     .customer_visible = true,
     .fields = kDecision,
     .stamp = Stamp::decided},
    {.action = Action::reject,
     .roles = kStaff,
     .from = kReceived | kInReview | kGoodsReceived,
     .to = State::rejected,
     .customer_visible = true,
     .fields = kReason,
     .required = kReason,
     .recorded = kReason,
     .stamp = Stamp::decided},
    {.action = Action::fulfil,
     .roles = kHost | kStaff,
     .from = kAccepted,
     .to = State::resolved,
     .customer_visible = true,
     .fields = kReference,
     .recorded = kReference,
     .stamp = Stamp::resolved},
    {.action = Action::close,
     .roles = kStaff | kSystem,
     .from = kResolved | kRejected,
     .to = State::closed,
     .customer_visible = true,
     .stamp = Stamp::closed},
    {.action = Action::reopen,
     .roles = kCustomer | kStaff,
     .from = kRejected | kResolved | kClosed,
     .to = State::in_review,
     .customer_visible = true,
     .fields = kReason,
     .required = kReason,
     .recorded = kReason},
    {.action = Action::cancel,
     .roles = kCustomer | kAgent,
     .from = kUndecided,
     .to = State::cancelled,
     .customer_visible = true,
     .fields = kReason,
     .recorded = kReason},
    {.action = Action::rate,
     .roles = kCustomer,
     .from = kResolved | kClosed | kRejected,
     .fields = kRating,
     .required = kScore,
     .staff_event = "case.rated"},
    {.action = Action::assign,
     .roles = kStaff,
     .from = kNotFinished,
     .fields = kAssignee,
     .staff_event = "case.assigned"},
    {.action = Action::escalate,
     .roles = kStaff | kSystem,
     .from = kNotFinished,
     .fields = kEscalation,
     .recorded = kEscalation,
     .staff_event = "case.escalated"},
    {.action = Action::comment,
     .roles = kStaff,
     .from = kNotFinished,
     .visibility_asked = true,
     .fields = kComment,
     .required = kMessage,
     .recorded = kMessage,
     .shown_event = "case.message",
     .staff_event = "case.note"},
    {.action = Action::set_priority,
     .roles = kStaff,
     .from = kNotFinished,
     .fields = kPriority,
     .required = kPriority,
     .recorded = kPriority,
     .staff_event = "case.updated"},
    {.action = Action::tag,
     .roles = kStaff,
     .from = kNotFinished,
     .fields = kTags,
     .staff_event = "case.updated"},
    // A new status link: the earlier ones stop working. In any state, since a leaked link to a
    // closed case still shows the customer's data. The host mails the new link on the event.
    {.action = Action::renew_link,
     .roles = kCustomer | kStaff | kHost,
     .from = kAll,
     .customer_visible = true,
     .shown_event = "case.link_renewed"},
    // Keeps the case whole (no retention, no erasure) while a dispute or an authority needs it;
    // in any state, since it matters most for finished cases. The reason is recorded.
    {.action = Action::legal_hold,
     .roles = kSupervisor | kHost,
     .from = kAll,
     .fields = kHold,
     .required = kHoldFlag,
     .staff_event = "case.updated"},
    // The shop's recourse against its supplier, apart from the customer's case: it changes no
    // state, the customer does not see it, and it may follow the case after its end.
    {.action = Action::claim_supplier,
     .roles = kStaff | kHost,
     .from = kAll & ~kCancelled,
     .fields = kClaim,
     .required = kSupplier,
     .staff_event = "case.supplier_claimed"},
    {.action = Action::supplier_answer,
     .roles = kStaff | kHost,
     .from = kAll,
     .fields = kAnswer,
     .required = kAnswerWord,
     .staff_event = "case.supplier_answered"},
};

static_assert(std::size(kTable) == std::size(kActionNames));

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].action) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order());

constexpr bool within(FieldNames part, FieldNames whole) {
  for (const auto name : part) {
    bool found = false;
    for (const auto field : whole) found = found || field == name;
    if (!found) return false;
  }
  return true;
}

// An action needs and records only fields it takes.
constexpr bool fields_taken() {
  for (const auto &t : kTable) {
    if (!within(t.required, t.fields) || !within(t.recorded, t.fields)) return false;
  }
  return true;
}
static_assert(fields_taken());

template <typename E, std::size_t N>
std::string words_in(unsigned mask, const std::string_view (&names)[N]) {
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < N; ++i) {
    if (mask & (1u << i)) words.push_back(names[i]);
  }
  return list_words(words);
}

}  // namespace

const Transition &transition(Action action) { return kTable[static_cast<std::size_t>(action)]; }

bool role_may(Action action, Role role) { return (transition(action).roles & bit(role)) != 0; }

bool state_allows(Action action, State state) {
  return (transition(action).from & bit(state)) != 0;
}

bool undecided(State state) { return (kUndecided & bit(state)) != 0; }

void check_transition(Action action, Role role, State state) {
  const auto &t = transition(action);
  if (!role_may(action, role)) {
    fail(Status::not_allowed,
         std::string(name(action)) + " may be taken by " +
             words_in<Role>(t.roles, kRoleNames) + ", not by " + std::string(name(role)),
         "actor.role", "role_not_allowed");
  }
  if (!state_allows(action, state)) {
    fail(Status::not_allowed,
         std::string(name(action)) + " is not allowed in state " + std::string(name(state)) +
             " (only in " + words_in<State>(t.from, kStateNames) + ")",
         "action", "state_not_allowed");
  }
}

}  // namespace reclaim
