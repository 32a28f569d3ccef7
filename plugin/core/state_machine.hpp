// The case lifecycle as one table: which roles may take an action, from which states, to where.
#pragma once

#include <optional>
#include <string>

#include "core/vocabulary.hpp"

namespace reclaim {

struct Transition {
  Action action;
  unsigned roles;                // bit per Role
  unsigned from;                 // bit per State
  std::optional<State> to;       // nullopt: the state does not change
  bool customer_visible;         // whether the history entry is shown to the customer
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
