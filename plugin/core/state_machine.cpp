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

// Indexed by Action; the order must follow the enum (checked below).
constexpr Transition kTable[] = {
    {Action::review, kStaff, kReceived, State::in_review, true},
    {Action::request_info, kStaff, kReceived | kInReview | kGoodsReceived,
     State::waiting_for_customer, true},
    {Action::reply, kCustomer, kWaitingCustomer, State::in_review, true},
    {Action::authorize_return, kStaff, kReceived | kInReview, State::waiting_for_goods, true},
    {Action::receive_goods, kStaff | kHost, kWaitingGoods, State::goods_received, true},
    {Action::accept, kStaff, kReceived | kInReview | kGoodsReceived, State::accepted, true},
    {Action::reject, kStaff, kReceived | kInReview | kGoodsReceived, State::rejected, true},
    {Action::fulfil, kHost | kStaff, kAccepted, State::resolved, true},
    {Action::close, kStaff | kSystem, kResolved | kRejected, State::closed, true},
    {Action::reopen, kCustomer | kStaff, kRejected | kResolved | kClosed, State::in_review, true},
    {Action::cancel, kCustomer | kAgent, kUndecided, State::cancelled, true},
    {Action::rate, kCustomer, kResolved | kClosed | kRejected, std::nullopt, false},
    {Action::assign, kStaff, kNotFinished, std::nullopt, false},
    {Action::escalate, kStaff | kSystem, kNotFinished, std::nullopt, false},
    {Action::comment, kStaff, kNotFinished, std::nullopt, false},
    {Action::set_priority, kStaff, kNotFinished, std::nullopt, false},
    {Action::tag, kStaff, kNotFinished, std::nullopt, false},
};

static_assert(std::size(kTable) == std::size(kActionNames));

constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    if (static_cast<std::size_t>(kTable[i].action) != i) return false;
  }
  return true;
}
static_assert(table_in_enum_order());

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
