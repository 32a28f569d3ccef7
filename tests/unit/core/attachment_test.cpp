// Files judged by their structure, not their first bytes: polyglots and truncated files refused.
#include "core/attachment.hpp"

#include <gtest/gtest.h>

#include <string>

namespace reclaim {
namespace {

using namespace std::string_literals;

const std::string kPngSignature = "\x89PNG\r\n\x1A\n"s;
const std::string kIhdr = "\0\0\0\x0DIHDR\0\0\0\x08\0\0\0\x08\x08\x02\0\0\0\x4B\x6D\x29\xDE"s;
const std::string kIdat = "\0\0\0\x01IDAT\0\xFF\xFF\xFF\xFF"s;
const std::string kIend = "\0\0\0\0IEND\xAE\x42\x60\x82"s;
const std::string kPng = kPngSignature + kIhdr + kIdat + kIend;

const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0photo\xFF\xD9"s;

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

std::string webp(std::string payload) {
  std::string body = "WEBPVP8 "s + payload;
  const auto size = static_cast<std::uint32_t>(body.size());
  std::string out = "RIFF"s;
  for (int i = 0; i < 4; ++i) out += static_cast<char>(size >> (8 * i) & 0xFF);
  return out + body;
}

TEST(Attachment, WellFormedFilesOfEachKindAreAccepted) {
  EXPECT_EQ(sniff_content_type(kPng), "image/png");
  EXPECT_EQ(sniff_content_type(kJpeg), "image/jpeg");
  EXPECT_EQ(sniff_content_type(kJpeg + std::string(16, '\0')), "image/jpeg");  // padded
  EXPECT_EQ(sniff_content_type(kPdf), "application/pdf");
  EXPECT_EQ(sniff_content_type(kPdf + std::string(900, ' ')), "application/pdf");
  EXPECT_EQ(sniff_content_type(webp("\0\0\0\0frame bytes"s)), "image/webp");
  EXPECT_EQ(sniff_content_type(""), "");
  EXPECT_EQ(sniff_content_type("GIF89a"), "");
}

TEST(Attachment, APdfThatIsAlsoAPageIsRefused) {
  EXPECT_EQ(sniff_content_type("%PDF-<html><script>alert(1)</script></html>"), "");
  EXPECT_EQ(sniff_content_type("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"), "");
  EXPECT_EQ(sniff_content_type("%PDF-1.7\n<SVG onload=alert(1)>\n%%EOF"), "");
  EXPECT_EQ(sniff_content_type("%PDF-1.7\n<ScRiPt>x</ScRiPt>\n%%EOF"), "");
  EXPECT_EQ(sniff_content_type("%PDF-2.0\n%%EOF"), "");  // not a 1.x header
  EXPECT_EQ(sniff_content_type("%PDF-1.x\n%%EOF"), "");
}

TEST(Attachment, ImagesCarryingMarkupAreRefused) {
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + "<html><script>x</script>"s + kIend), "");
  EXPECT_EQ(sniff_content_type("\xFF\xD8\xFF\xFE<script>alert(1)</script>\xFF\xD9"s), "");
  EXPECT_EQ(sniff_content_type(webp("<svg onload=alert(1)>"s)), "");
}

TEST(Attachment, TruncatedFilesAreRefused) {
  EXPECT_EQ(sniff_content_type(kPdf.substr(0, kPdf.size() - 6)), "");  // no %%EOF
  EXPECT_EQ(sniff_content_type(kPdf.substr(0, 8)), "");
  // %%EOF more than a KB before the end: data was appended after the document.
  EXPECT_EQ(sniff_content_type(kPdf + std::string(2000, 'x')), "");
  EXPECT_EQ(sniff_content_type(kPng.substr(0, kPng.size() - 1)), "");
  EXPECT_EQ(sniff_content_type(kPng.substr(0, 8)), "");
  EXPECT_EQ(sniff_content_type(kPngSignature + kIdat + kIhdr + kIend), "");  // IHDR not first
  EXPECT_EQ(sniff_content_type(kPng + "appended"), "");
  EXPECT_EQ(sniff_content_type(kJpeg.substr(0, kJpeg.size() - 1)), "");
  EXPECT_EQ(sniff_content_type("\xFF\xD8\xFF"s), "");
  EXPECT_EQ(sniff_content_type("\xFF\xD8\xFF\xD9"s), "");
  const std::string whole = webp("\0\0\0\0frame bytes"s);
  EXPECT_EQ(sniff_content_type(whole.substr(0, whole.size() - 1)), "");  // RIFF size too large
  EXPECT_EQ(sniff_content_type(whole + "x"), "");                        // RIFF size too small
  EXPECT_EQ(sniff_content_type("RIFF\x10\0\0\0WEBPVP8 "s), "");
}

}  // namespace
}  // namespace reclaim
