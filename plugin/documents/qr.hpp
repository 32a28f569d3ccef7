// A QR code's modules for a short text (a case number), through libqrencode.
#pragma once

#include <string_view>
#include <vector>

namespace reclaim::documents {

struct QrCode {
  int width = 0;           // modules per side, without the quiet zone
  std::vector<bool> dark;  // width × width, row by row
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// Error correction level M, 8-bit mode. Throws Error(invalid_argument) for text libqrencode
// cannot fit (over ~2 kB) and Error(internal) when it fails otherwise.
QrCode qr_code(std::string_view text);

}  // namespace reclaim::documents
