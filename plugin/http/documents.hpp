// The case's documents as PDF (docs/DOCUMENTS.md), for the customer's status page
// (/c/{token}/documents/{type}) and the staff case page (/staff/cases/{ref}/documents/{type}):
// the routes check who may see the case, these make the links and the response.
#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.hpp"
#include "http/message.hpp"

namespace reclaim::http {

struct Call;

// The documents the case has now, as {"label", "href"} under `case_url`: the receipt always,
// the return slip while the goods are awaited, the decision letter once decided.
boost::json::array document_links(const Call &call, const Case &subject,
                                  const std::string &case_url);

// The document `type` of case `case_id` in the page's language, as an attachment; nullopt for an
// unknown type, and for a decision letter before the decision.
std::optional<Response> document_response(Call &call, const std::string &case_id,
                                          std::string_view type);

}  // namespace reclaim::http
