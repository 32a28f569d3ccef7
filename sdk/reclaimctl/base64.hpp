// Standard base64 (RFC 4648 §4, padded, no line breaks), as the library sends files and
// documents: decoded with OpenSSL.
#pragma once

#include <string>

namespace reclaimctl {

// The bytes of `text`; ToolError naming `what` when it is not base64.
std::string base64_decoded(const std::string &text, const std::string &what);

}  // namespace reclaimctl
