// A second opinion on an uploaded file's type: libmagic's (Debian's libmagic1 and its compiled
// database, libmagic-mgc), beside the structural rules of core/attachment. It lives in the engine
// because the core depends on no library that is not the domain's own.
#pragma once

#include <mutex>
#include <string>

struct magic_set;  // libmagic's cookie (magic_t)

namespace reclaim {

class MagicJudge {
 public:
  MagicJudge() = default;
  ~MagicJudge();
  MagicJudge(const MagicJudge &) = delete;
  MagicJudge &operator=(const MagicJudge &) = delete;

  // The MIME type libmagic gives `bytes` ("image/png", "application/x-tar"). Throws
  // Error(internal) when its database cannot be loaded: a file nobody could judge is refused.
  std::string mime_type(const std::string &bytes);

 private:
  std::mutex mutex_;  // a libmagic cookie is not safe for two threads at once
  ::magic_set *cookie_ = nullptr;
};

// Judges a customer's file: not empty, within kMaxAttachmentBytes, one of the accepted kinds by
// core/attachment's rules, and libmagic reporting that same type. Returns the content type;
// throws Error(invalid_argument, field "attachments", rule "attachment_too_large" or
// "attachment_type") otherwise.
std::string judge_attachment(MagicJudge &magic, const std::string &bytes);

}  // namespace reclaim
