// Inbound e-mail (engine/inbound_mail.hpp): any bytes as a whole message, and the text helpers
// on their own. A message is taken or refused with Error(invalid_argument), never anything else;
// what is taken keeps its promises: one-line subject and names, at most 10 files, text without
// the quoted lines it strips.
#include "core/error.hpp"
#include "engine/inbound_mail.hpp"
#include "fuzz_engine.hpp"

using namespace reclaim;

namespace {

bool one_line(const std::string &text) {
  return text.find('\r') == std::string::npos && text.find('\n') == std::string::npos;
}

}  // namespace

// GMime's one-time set-up (its type system, charset tables) before the first input, so that the
// leak check of each input sees only what that input allocated.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  parse_inbound_mail(
      "From: jan@example.pl\r\nSubject: =?KOI8-R?B?8NLJ18XU?=\r\nMIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=iso-8859-2\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n\r\nDzie=F1 dobry\r\n");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  try {
    const InboundMail mail = parse_inbound_mail(text);
    if (!one_line(mail.subject) || !one_line(mail.from_name) || !one_line(mail.from_address)) {
      fuzz::broken("a header value with a line break");
    }
    if (mail.attachments.size() > kMaxInboundAttachments) fuzz::broken("too many files");
    if (mail.from_address.find('@') == std::string::npos) fuzz::broken("a sender without '@'");
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument || error.field() != "raw") {
      fuzz::broken("a refusal other than invalid_argument on raw");
    }
  }
  const std::string stripped = strip_quoted_history(text);
  if (stripped.find("\n>") != std::string::npos || (!stripped.empty() && stripped[0] == '>')) {
    fuzz::broken("a quoted line kept");
  }
  html_to_text(text);
  if (const auto number = case_number_in_text(text)) {
    std::string back;
    const std::string id = message_id_for(*number, "u", "shop.example");
    if (!case_number_from_message_id(id, back) || back != *number) {
      fuzz::broken("a Message-ID that does not give its case number back");
    }
  }
  std::string ignored;
  case_number_from_message_id(text, ignored);
  return 0;
}
