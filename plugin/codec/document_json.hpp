// reclaim_document's request and result (docs/api/document-*.schema.json).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "core/document.hpp"

namespace reclaim::codec {

// {"type": "complaint_receipt" | "decision_letter" | "return_slip", "locale": "pl" | "en" | "ru"}
// ("locale" optional). Throws Error(invalid_argument) naming the field at fault.
DocumentRequest document_request_from_json(const boost::json::value &document,
                                           const std::string &case_ref);

// {"filename", "content_type", "data_base64"}
boost::json::object to_json(const DocumentFile &file);

}  // namespace reclaim::codec
