#include "core/attachment.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "core/error.hpp"

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

bool ascii_iequal(const char *at, std::string_view lower) {
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(at[i])) != lower[i]) return false;
  }
  return true;
}

// Whether any of `markers` (lower case, each opening with '<') occurs in bytes[from, to), in
// any case.
bool contains_tag(const std::string &bytes, std::size_t from, std::size_t to,
                  std::initializer_list<std::string_view> markers) {
  to = std::min(to, bytes.size());
  for (std::size_t at = bytes.find('<', from); at != std::string::npos && at < to;
       at = bytes.find('<', at + 1)) {
    for (const auto marker : markers) {
      if (at + marker.size() <= to && ascii_iequal(bytes.data() + at, marker)) return true;
    }
  }
  return false;
}

// Markup a browser would run if the file were ever shown as a page: a polyglot that is also a
// valid PDF or image is refused, whatever its type. The first KB is where such files usually
// hide it and is searched for every tag; the rest of the file only for tags of six bytes or
// more, which compressed data does not produce by chance (a five-byte "<html" would, in about
// one 10 MB photo in 7,000; a four-byte "<svg" in one in 50; "<embed" in one in a million).
bool has_markup(const std::string &bytes) {
  if (contains_tag(bytes, 0, 1024, {"<html", "<script", "<svg", "<!doctype", "<body", "<iframe"})) {
    return true;
  }
  return contains_tag(bytes, 0, bytes.size(),
                      {"<script", "<!doctype", "<iframe", "<object", "<embed"});
}

// A signature, then chunks one after another to the last byte: IHDR first (13 bytes of data),
// IEND last and ending the file, each with a length that stays inside the file and a type of
// four letters. Bytes outside the chunk chain (appended junk, a page glued on) are refused.
bool is_png(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "\x89PNG\r\n\x1A\n"sv) || bytes.size() < 8 + 25 + 12 ||
      big_endian32(bytes, 8) != 13 || !starts_with(bytes, "IHDR"sv, 12) ||
      !ends_with(bytes, "\0\0\0\0IEND\xAE\x42\x60\x82"sv)) {
    return false;
  }
  std::size_t at = 8;
  while (at + 12 <= bytes.size()) {
    const std::uint64_t length = big_endian32(bytes, at);
    for (std::size_t i = 4; i < 8; ++i) {
      if (!std::isalpha(static_cast<unsigned char>(bytes[at + i]))) return false;
    }
    const bool end = bytes.compare(at + 4, 4, "IEND") == 0;
    const std::uint64_t next = at + 12 + length;
    if (next > bytes.size()) return false;
    if (end) return next == bytes.size();
    at = static_cast<std::size_t>(next);
  }
  return false;
}

// SOI and a marker first, EOI last (some cameras pad the end with zero bytes).
bool is_jpeg(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "\xFF\xD8\xFF"sv)) return false;
  std::size_t end = bytes.size();
  while (end > 5 && bytes[end - 1] == '\0') --end;
  return end >= 5 && bytes.compare(end - 2, 2, "\xFF\xD9"sv) == 0;
}

// RIFF, its size counting every byte after the first 8, WEBP, a VP8 chunk first, and chunks
// (a four-byte tag, a size, the data padded to an even length) filling the rest exactly.
bool is_webp(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "RIFF"sv) || !starts_with(bytes, "WEBP"sv, 8) || bytes.size() < 16) {
    return false;
  }
  if (!starts_with(bytes, "VP8 "sv, 12) && !starts_with(bytes, "VP8L"sv, 12) &&
      !starts_with(bytes, "VP8X"sv, 12)) {
    return false;
  }
  if (std::uint64_t{little_endian32(bytes, 4)} + 8 != bytes.size()) return false;
  std::size_t at = 12;
  while (at + 8 <= bytes.size()) {
    const std::uint64_t length = little_endian32(bytes, at + 4);
    const std::uint64_t next = at + 8 + length + (length & 1);
    if (next > bytes.size()) return false;
    at = static_cast<std::size_t>(next);
  }
  return at == bytes.size();
}

// "%PDF-1.x" first, "%%EOF" within the last KB (where readers look for it), and none of the
// features that make a document act rather than show: scripts, launching programs, files
// carried inside. A receipt or a delivery note needs none of them.
bool is_pdf(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (!starts_with(bytes, "%PDF-1."sv) || bytes.size() < 8 + 5 ||
      !std::isdigit(static_cast<unsigned char>(bytes[7]))) {
    return false;
  }
  const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 8;
  if (bytes.find("%%EOF", tail) == std::string::npos) return false;
  for (const auto name : {"/JavaScript"sv, "/Launch"sv, "/EmbeddedFile"sv, "/RichMedia"sv}) {
    if (bytes.find(name) != std::string::npos) return false;
  }
  return true;
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

bool accepts_attachments(State state) {
  return state != State::closed && state != State::cancelled;
}

void check_accepts_attachments(State state) {
  if (accepts_attachments(state)) return;
  fail(Status::not_allowed, "a " + std::string(name(state)) + " case takes no more files",
       "attachments", "attachment_state");
}

void check_attachment_quota(const AttachmentQuota &quota, std::int64_t files, std::int64_t bytes,
                            std::int64_t adding_files, std::int64_t adding_bytes) {
  const std::int64_t mb = 1024 * 1024;
  const auto limits = " (at most " + std::to_string(quota.max_files) + " files and " +
                      (quota.max_bytes % mb == 0 ? std::to_string(quota.max_bytes / mb) + " MB"
                                                 : std::to_string(quota.max_bytes) + " bytes") +
                      " per case)";
  if (files + adding_files > quota.max_files) {
    fail(Status::not_allowed, "the case already holds " + std::to_string(files) + " files" + limits,
         "attachments", "attachment_quota");
  }
  if (bytes + adding_bytes > quota.max_bytes) {
    fail(Status::not_allowed,
         "the case's files would take " + std::to_string(bytes + adding_bytes) + " bytes" + limits,
         "attachments", "attachment_quota");
  }
}

}  // namespace reclaim
