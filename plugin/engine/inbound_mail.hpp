// Inbound e-mail (issue 16): a customer's RFC 5322/MIME message read with GMime 3 into a plain
// value, and the Message-ID form that threads a mail to its case. It lives in the engine because
// it uses a library (GMime) that the core does not depend on. docs/MESSAGES.md, "Inbound mail".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace reclaim {

// Limits on a message; beyond them it is refused whole (Error(invalid_argument), field "raw").
inline constexpr std::size_t kMaxInboundMailBytes = 10 * 1024 * 1024;  // rule mail_too_large
inline constexpr std::size_t kMaxInboundAttachments = 10;              // rule mail_too_many_files
inline constexpr int kMaxInboundNesting = 8;  // multiparts within multiparts; mail_too_deep

// A file of the message as its sender declared it; judged later like any upload.
struct MailAttachment {
  std::string filename;      // as declared (decoded), control characters removed; may be empty
  std::string content_type;  // as declared ("image/jpeg"), lower case; never trusted
  std::string bytes;         // the transfer encoding (base64, quoted-printable) undone
};

struct InboundMail {
  std::string from_address;  // the first From mailbox ("jan@example.pl")
  std::string from_name;     // its display name, UTF-8, may be empty
  std::string subject;       // UTF-8, encoded words decoded, CR/LF and controls made spaces
  std::string message_id;    // without angle brackets; empty when the message has none
  std::string in_reply_to;   // the first id of In-Reply-To, without angle brackets
  std::vector<std::string> references;  // References' ids, oldest first, without brackets
  std::optional<UnixMs> date;           // the Date header, when it parses
  // The new text of the message, UTF-8: text/plain preferred, else text/html as text; quoted
  // history and the signature stripped (strip_quoted_history).
  std::string text;
  bool from_html = false;  // the text came from an HTML part
  std::vector<MailAttachment> attachments;
  std::size_t raw_size = 0;
};

// What became of an inbound message (Engine::receive_mail).
struct InboundOutcome {
  std::string result;  // "reply", "message" or "draft"
  // A draft's cause: no_case (no case number or thread matched), not_customer (From is not the
  // case's customer), case_closed (closed or cancelled), refused (the case refused the mail,
  // e.g. beyond its file quota).
  std::string reason;
  std::string case_id, case_number;      // reply and message
  std::int64_t history_seq = 0;          // the case's version the mail's history entry made
  std::string draft_id;                  // draft
  std::string mail_key;                  // the Message-ID, or "sha256:…" of a message without one
  bool duplicate = false;                // this message was taken before; nothing was added now
  std::vector<std::string> attachments;  // ids of the files kept with the case
  // Files not taken, by the upload rules: their names and the rule that refused them.
  std::vector<std::pair<std::string, std::string>> refused_files;
};

// A message kept for staff because it went to no case.
struct InboundDraft {
  std::string id, shop, reason, mail_key, from_address, from_name, subject, text;
  UnixMs received_at = 0;
  std::int64_t raw_size = 0;
};

// Parses a whole message. Throws Error(invalid_argument, field "raw") with rule
// mail_too_large, mail_malformed (GMime found the structure broken: a multipart without a
// boundary, an invalid header name, conflicting headers, parts without headers or content),
// mail_no_sender (no usable From mailbox), mail_too_many_files or mail_too_deep. Never crashes on
// hostile input. Thread-safe (GMime is initialised once, with std::call_once).
InboundMail parse_inbound_mail(std::string_view raw);

// The new part of a reply's text: drops lines quoted with '>', and everything from the first
// reply header ("On … wrote:", "W dniu … pisze:" / "napisał(a):", "… написал(а):" / "пишет:",
// "-----Original Message-----" and its Polish and Russian forms, Outlook's From:/Od:/От: block
// followed by Sent/To/Subject lines) or signature separator ("-- ") on. Line ends become "\n";
// trailing blank lines go.
std::string strip_quoted_history(std::string_view text);

// Text of an HTML body: scripts, styles and quoted blocks (<blockquote>, Gmail's gmail_quote)
// dropped, block elements as line breaks, entities decoded. Not a renderer; good enough for a
// reply typed in a mail client.
std::string html_to_text(std::string_view html);

// The first case number in `text` with the shop's `prefix` (any prefix when empty), in any
// letter case: "Re: [rc-2026-000001] kettle" → "RC-2026-000001" (upper case, as stored).
std::optional<std::string> case_number_in_text(std::string_view text, std::string_view prefix = {});

// The Message-ID of a mail Reclaim sends about a case, so that a customer's reply threads back
// by In-Reply-To/References:  <reclaim.RC-2026-000001.UNIQUE@DOMAIN>
// `unique` is 1-64 of [A-Za-z0-9_-] (an outbox message's id, say); `domain` the sender's domain
// (1-253 of [A-Za-z0-9.-]). Throws Error(invalid_argument) otherwise, or for a malformed number.
std::string message_id_for(std::string_view case_number, std::string_view unique,
                           std::string_view domain);

// The case number in a Message-ID made by message_id_for (with or without angle brackets, in
// any letter case); false for every other id.
bool case_number_from_message_id(std::string_view id, std::string &out);

}  // namespace reclaim
