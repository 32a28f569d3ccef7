#include "base64.hpp"

#include <openssl/evp.h>

#include "cli.hpp"

namespace reclaimctl {

std::string base64_decoded(const std::string &text, const std::string &what) {
  if (text.size() % 4 != 0) throw ToolError("the library sent " + what + " that is not base64");
  std::string bytes(text.size() / 4 * 3, '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(bytes.data()),
                                     reinterpret_cast<const unsigned char *>(text.data()),
                                     static_cast<int>(text.size()));
  if (length < 0) throw ToolError("the library sent " + what + " that is not base64");
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t padding = 0;
  for (auto at = text.rbegin(); at != text.rend() && *at == '=' && padding < 2; ++at) ++padding;
  bytes.resize(static_cast<std::size_t>(length) - padding);
  return bytes;
}

}  // namespace reclaimctl
