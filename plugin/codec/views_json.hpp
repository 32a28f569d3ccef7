// The engine's answers (core/views.hpp) as the documents callers read: the C ABI's results and
// the customer API's bodies. One overload of to_json per answer, so an edge can hand any of
// them on without knowing its shape.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/views.hpp"

namespace reclaim::codec {

// {"database", "schema", "clock", "shops"}
boost::json::object to_json(const EngineInfo &info);
// reclaim_case_get: the case, its deadlines (with an accrued penalty), history, status token;
// its values in `sp`'s memory.
boost::json::object to_json(const CaseRecord &record, const boost::json::storage_ptr &sp = {});
// The same document as text. Built on record.stored_document when the record has one and adds
// nothing inside the case's own members (no penalty, no supplier claims to mark late).
std::string to_text(const CaseRecord &record);
// {"cases": [summary…], "next_cursor"}
boost::json::object to_json(const CasePage &page);
// {"events": […], "next"}
boost::json::object to_json(const EventPage &page);
// {"order", "created"} and "adapter" when a host adapter read it.
boost::json::object to_json(const OrderImport &import);
boost::json::object to_json(const Order &order);
// {"at", "cases", "events"}
boost::json::object to_json(const TickSummary &tick);
// {"shop", "policy", "preset", "scheduled"}
boost::json::object to_json(const PolicyView &view);
// {"eligible", "locale", "items": [verdict…]}
boost::json::object to_json(const EligibilityAnswer &answer);
// {"<line>": {"complaint": {eligible, code, message, window_ends}, "return": {…}}}
boost::json::object to_json(const LineEligibility &by_line);
// What a customer sees of a case (the status page's data, GET /api/v1/cases/{token}).
boost::json::object to_json(const CustomerView &view);
// A file with its bytes, as reclaim_attachment_get gives it.
boost::json::object to_json(const Attachment &file);
// The report in its query's format: the JSON result, or {"format", "content_type", "body"} for
// csv and html.
boost::json::object to_json(const ReportAnswer &answer);

// The result of reclaim_policy_set: {"shop", "policy"}.
boost::json::object policy_set_to_json(const std::string &shop, const Policy &policy);

inline const boost::json::object &to_json(const boost::json::object &document) { return document; }

}  // namespace reclaim::codec
