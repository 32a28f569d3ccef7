// A file a customer sent with a case (a photo, a receipt): checked by content, kept in storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/time.hpp"

namespace reclaim {

// The largest file a customer may send with a case; the HTTP endpoint's upload limit is this
// and the form around it.
inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

struct Attachment {
  std::string id;  // "a_…"
  std::string case_id;
  std::string name;          // the file name the customer gave, for display only
  std::string content_type;  // image/jpeg, image/png, image/webp, application/pdf
  std::int64_t size = 0;
  std::string sha256;
  std::string data;  // the bytes; empty when only the description was read
  UnixMs created_at = 0;
};

// The content type of a file judged by its first bytes; empty when it is none of the accepted
// kinds (JPEG, PNG, WebP, PDF). The name and the type the client claims are never trusted.
std::string sniff_content_type(const std::string &bytes);

}  // namespace reclaim
