// The case lifecycle as one table: which roles may take an action, from which states, to where,
// what the request carries for it, what its history entry records and which events it emits.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/vocabulary.hpp"

namespace reclaim {

// Names of a request's fields, as its JSON document spells them.
using FieldNames = std::span<const std::string_view>;

// The date of the case an action sets to the time it is taken.
enum class Stamp { none, decided, resolved, closed };

struct Transition {
  Action action;
  unsigned roles = 0;             // bit per Role
  unsigned from = 0;              // bit per State
  std::optional<State> to;        // nullopt: the state does not change
  bool customer_visible = false;  // whether the history entry is shown to the customer,
  bool visibility_asked = false;  // or whether the request's customer_visible says so
  // The request's fields besides action, actor, expected_version and idempotency_key: those the
  // action takes, those it needs, and those its history entry records as given (a required one
  // always, another when not empty). Fields an action records in its own way are not "recorded".
  FieldNames fields, required, recorded;
  Stamp stamp = Stamp::none;
  // The event the entry emits besides case.state_changed: when it is shown to the customer, and
  // when it is not; empty for none.
  std::string_view shown_event, staff_event;
};

const Transition &transition(Action action);

constexpr unsigned bit(Role role) { return 1u << static_cast<unsigned>(role); }
constexpr unsigned bit(State state) { return 1u << static_cast<unsigned>(state); }

bool role_may(Action action, Role role);
bool state_allows(Action action, State state);
// A state before any decision: the case can still be cancelled and deemed accepted.
bool undecided(State state);

// Throws Error(not_allowed) naming the roles that may act, or the states the action needs.
void check_transition(Action action, Role role, State state);

}  // namespace reclaim
