// What browsers send, read by http/form.hpp: the first byte picks the reader (a seed starting
// with the digit 0–5 picks them in the order below).
//   0 a url-encoded form        1 a multipart form: the first line is the Content-Type
//   2 either, by the first line 3 a Cookie header: the first line is the cookie's name
//   4 url_encode then url_decode must give the text back
//   5 clip: a prefix, within the size, never cut inside a UTF-8 sequence
#include "fuzz_engine.hpp"
#include "http/form.hpp"

using namespace reclaim;

namespace {

// Every field a form lists is one it has; an upload has a name or bytes (form.hpp).
void check_form(const http::Form &form) {
  for (const auto &upload : form.files) {
    if (upload.filename.empty() && upload.bytes.empty()) fuzz::broken("an empty upload");
  }
  for (const auto &field : form.fields) {
    const std::string &name = field.first;
    if (!form.has(name)) fuzz::broken("a field the form does not have");
  }
}

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const auto [line, rest] = fuzz::first_line(text);
  switch (data[0] % 6) {
    case 0: check_form(http::parse_urlencoded(text)); break;
    case 1:
      if (const auto form = http::parse_multipart(rest, line)) check_form(*form);
      break;
    case 2:
      if (const auto form = http::parse_form(rest, line)) check_form(*form);
      break;
    case 3: http::cookie(rest, line); break;
    case 4:
      if (http::url_decode(http::url_encode(text)) != text) fuzz::broken("url round trip");
      if (http::url_decode(http::url_encode(text), false) != text) fuzz::broken("url round trip");
      break;
    default: {
      const std::size_t max = line.size();
      const std::string clipped = http::clip(rest, max);
      if (clipped.size() > max || rest.substr(0, clipped.size()) != clipped) {
        fuzz::broken("clip is not a prefix within the size");
      }
      // Cut before a byte that starts a character (or at the start, for a run of continuation
      // bytes that starts nothing).
      if (!clipped.empty() && clipped.size() < rest.size() && continuation(rest[clipped.size()])) {
        fuzz::broken("clip cut a UTF-8 sequence");
      }
      break;
    }
  }
  return 0;
}
