// Cases, their history and events as JSON documents: for callers, and for the stored case body.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace reclaim::codec {

// An instant as RFC 3339 UTC text, or null.
boost::json::value time_or_null(const std::optional<UnixMs> &at,
                                const boost::json::storage_ptr &sp = {});
// "accepted", "rejected" or "pending".
const char *outcome_name(ItemDecision::Outcome outcome);

boost::json::object actor_to_json(const Actor &actor, const boost::json::storage_ptr &sp = {});

// Reads money as money_to_json writes it in a stored body; nullopt for anything but an object.
std::optional<Money> money_of(const boost::json::value &stored);

// The case as reclaim_case_get returns it, without history and status token (the caller adds
// them where wanted), its values in `sp`'s memory. Also the stored body of a case.
boost::json::object case_to_json(const Case &subject, const boost::json::storage_ptr &sp = {});
// The stored body of a case, as text.
std::string case_to_text(const Case &subject);

// Reads a body written by case_to_json.
Case case_from_json(const boost::json::value &body);
// Reads the stored text of such a body (parsed into a buffer that is dropped once read).
Case case_from_text(std::string_view body);

boost::json::object history_to_json(const HistoryEntry &entry,
                                    const boost::json::storage_ptr &sp = {});
boost::json::object event_to_json(const Event &event);

}  // namespace reclaim::codec
