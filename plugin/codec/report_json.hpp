// Reports as JSON: the query reclaim_report reads, the result document, and its CSV form.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/report.hpp"

namespace reclaim::codec {

// {"shop","from","to","kind","group_by","format","locale","limit","min_units_sold"}; every
// field optional. Throws Error(invalid_argument) naming the field.
ReportQuery report_query_from_json(const boost::json::value &document);
// A shop's "targets": {"handling_hours", "satisfaction", "repeat_rate"}.
Targets targets_from_json(const boost::json::value &value, const std::string &path);

// The result document (docs/api/report-result.schema.json), with "totals" and per group
// "low_volume".
boost::json::object report_to_json(const Report &report);
// One row per group, RFC 4180 (CRLF, quotes doubled), UTF-8, a header row first; empty cells for
// nulls; one "refunded_<CURRENCY>" column per currency in the report.
std::string report_to_csv(const Report &report);

}  // namespace reclaim::codec
