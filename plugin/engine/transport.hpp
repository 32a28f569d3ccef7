// Sending one outbox message: a mail over SMTP, or a webhook POST, through libcurl.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/outbox.hpp"
#include "engine/config.hpp"

namespace reclaim {

// Why an attempt failed; `permanent` when trying again cannot help (a 5xx SMTP answer, a 410,
// a target the configuration forbids).
struct DeliveryFailure : std::runtime_error {
  DeliveryFailure(const std::string &what, bool is_permanent)
      : std::runtime_error(what), permanent(is_permanent) {}
  bool permanent;
};

// Throws DeliveryFailure. The mail's headers and parts are the outbox row's; `files` follow the
// text and HTML as attachments (multipart/mixed).
void send_mail(const MailConfig &mail, const OutboxMessage &message, UnixMs now,
               const std::vector<DocumentFile> &files = {});

// POSTs the message's body with Standard Webhooks headers and signature (sign_webhook). No
// redirect is followed; internal addresses are refused unless `delivery` allows them, checked
// on the address actually connected to (so DNS cannot point a public name inward).
void post_webhook(const WebhookConfig &hook, const DeliveryConfig &delivery,
                  const OutboxMessage &message, UnixMs now);

// "v1," + base64(HMAC-SHA256(key, id + "." + unix seconds + "." + body)).
std::string sign_webhook(const std::string &key, const std::string &id, long long seconds,
                         const std::string &body);

// RFC 2047 encoded words for a header value with non-ASCII text; ASCII text as is.
std::string encode_header_words(const std::string &text);

// Whether an address (IPv4 or IPv6 text) is loopback, private, link-local, unique-local,
// carrier-grade NAT, multicast or unspecified: what a webhook may not reach by default.
bool internal_address(const std::string &address);

}  // namespace reclaim
