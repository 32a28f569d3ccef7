// The message outbox as JSON: hosts' queries and acknowledgements, and the pages they read.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/outbox.hpp"
#include "core/views.hpp"

namespace reclaim::codec {

// {"after": SEQ, "limit": N, "shop": "…", "status": "pending"}; throws Error(invalid_argument).
OutboxQuery message_query_from_json(const boost::json::value &document);

struct MessageAck {
  std::vector<std::string> ids;
  Delivery result = Delivery::sent;
  std::string error;
};
// {"ids": […], "result": "sent"|"failed"|"retry", "error": "…"}; throws Error(invalid_argument).
MessageAck message_ack_from_json(const boost::json::value &document);

// {"template": "case.decided", "case": "RC-…", "locale": "pl"}; throws Error(invalid_argument).
MailPreviewRequest mail_preview_from_json(const boost::json::value &document);
boost::json::object to_json(const MailPreview &preview);

boost::json::object to_json(const OutboxMessage &message);
boost::json::object to_json(const MessagePage &page);

}  // namespace reclaim::codec
