// The message outbox: mails to people and webhook posts to systems, written in the transaction
// of the event that causes them and delivered at least once (by the engine or by the host).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

namespace reclaim {

enum class Channel { mail, webhook };

// pending: waiting for its first or next attempt; sent; failed: a host's mailer said so (the
// host retries); dead: every attempt of the engine's own sender failed (staff may retry it).
enum class Delivery { pending, sent, failed, dead };

std::string_view name(Channel channel);
std::string_view name(Delivery delivery);
// Throws Error(invalid_argument) for anything else.
Delivery delivery_from_name(std::string_view text, const std::string &field);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct OutboxMessage {
  std::string id;        // "m_…": the Message-ID's unique part, the webhook-id
  std::int64_t seq = 0;  // assigned by storage; never below a reader's cursor once read past
  Channel channel = Channel::mail;
  std::int64_t event_seq = 0;
  std::string event_type;
  std::string case_id;
  std::string case_number;
  std::string shop;
  std::string to;  // mail: the address; webhook: the configured webhook's id
  std::string locale;
  std::string template_name;  // mail only
  std::string subject;
  std::string text;  // mail: the plain-text part; webhook: the JSON body
  std::string html;
  Headers headers;   // mail: From, Reply-To, Message-ID, In-Reply-To, References
  Delivery status = Delivery::pending;
  int attempts = 0;
  std::string last_error;
  UnixMs created_at = 0;
  UnixMs next_attempt_at = 0;  // the engine's sender leaves it alone until then
  UnixMs sent_at = 0;
};

// What `reclaimctl messages preview` asks: a template rendered for a case as it would be sent
// now, with the shop's current wording, from the case's latest event that sends it.
struct MailPreviewRequest {
  std::string template_name;
  std::string case_ref;  // id or number
  std::string locale;    // empty: the case's language (customer's) or the staff's
};

struct MailPreview {
  std::string template_name;
  std::string locale;
  std::string to;  // the address the event's mail went (or would go) to; may be empty
  std::string subject;
  std::string text;
  std::string html;
  std::int64_t event_seq = 0;  // the event whose values it shows
  std::string event_type;
};

struct OutboxQuery {
  std::int64_t after = 0;
  int limit = 100;
  Channel channel = Channel::mail;
  std::string shop;                 // empty: every shop
  std::optional<Delivery> status;   // nullopt: any
};

// The mail template an event sends the customer ("case.decided", …), or "" for none: only
// customer-visible events mail, and never the customer's own reply back to them. `withdrawal`:
// the case is a withdrawal, acknowledged by its own event, not by case.opened.
std::string_view customer_template(const Event &event, bool withdrawal);
// The document a customer mail carries as a PDF: the complaint receipt with the acknowledgement,
// the decision letter with the decision (the durable medium Polish law asks for), the return slip
// with the return's authorisation; nullopt for the other mails.
std::optional<DocumentType> mail_document(std::string_view template_name);
// The mail template an event sends the shop's staff, or "".
std::string_view staff_template(const Event &event);
// Whether a webhook's event patterns ("case.*", "case.decided", "*") take an event type.
bool event_matches(std::string_view pattern, std::string_view type);

// Retry n (1-based) waits first_retry × 4^(n-1), at most six hours, ±20 % jitter (`jitter` in
// [0, 1) picks where): a server that is down a while is not hammered, and several senders that
// failed together do not retry together.
UnixMs retry_delay(int attempt, UnixMs first_retry, double jitter);

}  // namespace reclaim
