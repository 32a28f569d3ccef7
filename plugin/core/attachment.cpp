#include "core/attachment.hpp"

namespace reclaim {

namespace {

bool starts_with(const std::string &bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.compare(at, magic.size(), magic) == 0;
}

}  // namespace

std::string sniff_content_type(const std::string &bytes) {
  using namespace std::string_view_literals;
  if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n"sv)) return "image/png";
  if (starts_with(bytes, "RIFF"sv) && starts_with(bytes, "WEBP"sv, 8)) return "image/webp";
  if (starts_with(bytes, "%PDF-"sv)) return "application/pdf";
  return {};
}

}  // namespace reclaim
