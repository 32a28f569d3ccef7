#include "engine/content_check.hpp"

#include <magic.h>

#include "core/attachment.hpp"
#include "core/error.hpp"

namespace reclaim {

MagicJudge::~MagicJudge() {
  if (cookie_) magic_close(cookie_);
}

std::string MagicJudge::mime_type(const std::string &bytes) {
  const std::lock_guard lock(mutex_);
  if (!cookie_) {
    // No decompression (a file is judged as sent) and no look into archives' members.
    magic_t cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
    if (!cookie) fail(Status::internal, "libmagic could not start");
    if (magic_load(cookie, nullptr) != 0) {
      const std::string why = magic_error(cookie) ? magic_error(cookie) : "no database";
      magic_close(cookie);
      fail(Status::internal, "libmagic's database could not be loaded: " + why);
    }
    cookie_ = cookie;
  }
  const char *type = magic_buffer(cookie_, bytes.data(), bytes.size());
  return type ? type : "";
}

std::string judge_attachment(MagicJudge &magic, const std::string &bytes) {
  if (bytes.empty()) fail(Status::invalid_argument, "the file is empty", "attachments");
  if (bytes.size() > kMaxAttachmentBytes) {
    fail(Status::invalid_argument,
         "a file may have at most " + std::to_string(kMaxAttachmentBytes >> 20) + " MB",
         "attachments", "attachment_too_large");
  }
  const std::string type = sniff_content_type(bytes);
  if (type.empty()) {
    fail(Status::invalid_argument, "only JPEG, PNG, WebP and PDF files are accepted", "attachments",
         "attachment_type");
  }
  // Both judges must agree: a file that is also something else (a PDF whose first block is a
  // tar header, say) is refused.
  const std::string second = magic.mime_type(bytes);
  if (second != type) {
    fail(Status::invalid_argument,
         "the file looks like " + type + " but its content reads as " +
             (second.empty() ? std::string("nothing known") : second),
         "attachments", "attachment_type");
  }
  return type;
}

}  // namespace reclaim
