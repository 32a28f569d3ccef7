#include "codec/html_text.hpp"

#include <cstdint>

namespace reclaim {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the UTF-8 sequence at `pos` and its code point; 0 when it is not well formed
// (overlong, surrogate, beyond U+10FFFF, truncated).
std::size_t decode(std::string_view text, std::size_t pos, char32_t &cp) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  char32_t min = 0;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

bool shown(char32_t cp) {
  if (cp == '\t' || cp == '\n') return true;
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;       // controls
  if (cp == 0x200E || cp == 0x200F || cp == 0x061C) return false;  // marks
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return false;
  if (cp == 0xFFFE || cp == 0xFFFF) return false;  // not XML
  return true;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped_html(out, text);
  return out;
}

void append_escaped_html(std::string &out, std::string_view text) {
  // Runs of plain characters are appended at once: a page escapes every value it shows.
  std::size_t plain = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char *entity = nullptr;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(text.data() + plain, i - plain);
    out += entity;
    plain = i + 1;
  }
  out.append(text.data() + plain, text.size() - plain);
}

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    const std::size_t length = decode(text, pos, cp);
    if (length == 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    if (shown(cp)) {
      out.append(text.substr(pos, length));
    } else {
      out += kReplacement;
    }
    pos += length;
  }
  return out;
}

std::string shorten_text(std::string_view clean, std::size_t max_chars) {
  std::size_t pos = 0;
  std::size_t chars = 0;
  while (pos < clean.size()) {
    if (chars == max_chars) return std::string(clean.substr(0, pos)) + "\xE2\x80\xA6";
    const auto lead = static_cast<unsigned char>(clean[pos]);
    pos += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    ++chars;
  }
  return std::string(clean);
}

}  // namespace reclaim
