// A file a customer sent with a case (a photo, a receipt): checked by content, kept in storage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/time.hpp"
#include "core/vocabulary.hpp"

namespace reclaim {

// The largest file a customer may send with a case; the HTTP endpoint's upload limit is this
// and the form around it.
inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

// How much one case may hold, all its files together; per shop ("attachments" in its
// configuration). A case's evidence is a few photos and a receipt: the defaults leave room for
// that many times over and keep one case from filling the database.
struct AttachmentQuota {
  std::int64_t max_files = 20;
  std::int64_t max_bytes = 50 * 1024 * 1024;
};

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

// Whether a case in `state` still takes files: every state but the final ones (closed,
// cancelled), as for staff notes. A rejected or resolved case does, since its customer may
// appeal with new evidence.
bool accepts_attachments(State state);

// Throws Error(not_allowed, rule "attachment_state") when a case in `state` takes no files.
void check_accepts_attachments(State state);

// Throws Error(not_allowed, rule "attachment_quota") when `adding_files` files of `adding_bytes`
// bytes would take a case holding `files` files of `bytes` bytes beyond `quota`.
void check_attachment_quota(const AttachmentQuota &quota, std::int64_t files, std::int64_t bytes,
                            std::int64_t adding_files, std::int64_t adding_bytes);

}  // namespace reclaim
