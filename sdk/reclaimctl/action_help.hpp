// action_help.hpp — `reclaimctl help case act [ACTION]`: the actions of reclaim_case_act and each
// one's fields, read from docs/api/case-act-request.schema.json (compiled in), the one source of
// the actions' fields.
#pragma once

#include <ostream>
#include <string>

namespace reclaimctl {

// Every action, with who may take it and what it does.
void print_actions(std::ostream &out);

// One action: who may take it, from which states, where it leads, and its fields (name, type,
// required or optional, description). False when the schema has no such action.
bool print_action(std::ostream &out, const std::string &action);

}  // namespace reclaimctl
