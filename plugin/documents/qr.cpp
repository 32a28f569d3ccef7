#include "documents/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace reclaim::documents {

QrCode qr_code(std::string_view text) {
  if (text.empty() || text.size() > 2000) {
    fail(Status::invalid_argument, "a QR code holds 1 to 2000 bytes here");
  }
  const std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()),
                        reinterpret_cast<const unsigned char *>(data.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) {
    if (errno == ERANGE) fail(Status::invalid_argument, "too long for a QR code");
    fail(Status::internal, "libqrencode could not encode the text");
  }
  QrCode qr;
  qr.width = code->width;
  qr.dark.resize(static_cast<std::size_t>(qr.width) * static_cast<std::size_t>(qr.width));
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = (code->data[i] & 1) != 0;
  return qr;
}

}  // namespace reclaim::documents
