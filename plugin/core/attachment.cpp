#include "core/attachment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace reclaim {

namespace {

bool starts_with(const std::string &bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.compare(at, magic.size(), magic) == 0;
}

bool ends_with(const std::string &bytes, std::string_view magic) {
  return bytes.size() >= magic.size() &&
         bytes.compare(bytes.size() - magic.size(), magic.size(), magic) == 0;
}

std::uint32_t big_endian32(const std::string &bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::uint32_t little_endian32(const std::string &bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 4; i-- > 0;) value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

// Markup a browser would run if the file were ever shown as a page: a polyglot that is also a
// valid PDF or image is refused, whatever its type (the first KB is where such files hide it).
bool has_markup(const std::string &bytes) {
  std::string head = bytes.substr(0, 1024);
  for (auto &c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view marker : {"<html", "<script", "<svg", "<!doctype", "<body", "<iframe"}) {
    if (head.find(marker) != std::string::npos) return true;
  }
  return false;
}

// A signature, an IHDR chunk right after it (13 bytes of data), the IEND chunk at the very end.
bool is_png(const std::string &bytes) {
  using namespace std::string_view_literals;
  return starts_with(bytes, "\x89PNG\r\n\x1A\n"sv) && bytes.size() >= 8 + 25 + 12 &&
         big_endian32(bytes, 8) == 13 && starts_with(bytes, "IHDR"sv, 12) &&
         ends_with(bytes, "\0\0\0\0IEND\xAE\x42\x60\x82"sv);
}

// SOI and a marker first, EOI last (some cameras pad the end with zero bytes).
bool is_jpeg(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "\xFF\xD8\xFF"sv)) return false;
  std::size_t end = bytes.size();
  while (end > 5 && bytes[end - 1] == '\0') --end;
  return end >= 5 && bytes.compare(end - 2, 2, "\xFF\xD9"sv) == 0;
}

// RIFF, its size counting every byte after the first 8, WEBP and a VP8 chunk.
bool is_webp(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "RIFF"sv) || !starts_with(bytes, "WEBP"sv, 8) || bytes.size() < 16) {
    return false;
  }
  if (!starts_with(bytes, "VP8 "sv, 12) && !starts_with(bytes, "VP8L"sv, 12) &&
      !starts_with(bytes, "VP8X"sv, 12)) {
    return false;
  }
  return std::uint64_t{little_endian32(bytes, 4)} + 8 == bytes.size();
}

// "%PDF-1.x" first, "%%EOF" within the last KB (where readers look for it).
bool is_pdf(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "%PDF-1."sv) || bytes.size() < 8 + 5 ||
      !std::isdigit(static_cast<unsigned char>(bytes[7]))) {
    return false;
  }
  const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 8;
  return bytes.find("%%EOF", tail) != std::string::npos;
}

}  // namespace

std::string sniff_content_type(const std::string &bytes) {
  if (has_markup(bytes)) return {};
  if (is_jpeg(bytes)) return "image/jpeg";
  if (is_png(bytes)) return "image/png";
  if (is_webp(bytes)) return "image/webp";
  if (is_pdf(bytes)) return "application/pdf";
  return {};
}

}  // namespace reclaim
