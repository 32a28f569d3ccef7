// Files judged by their structure, not their first bytes: polyglots and truncated files refused.
#include "core/attachment.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"

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

std::string little_endian(std::uint32_t value) {
  std::string out;
  for (int i = 0; i < 4; ++i) out += static_cast<char>(value >> (8 * i) & 0xFF);
  return out;
}

// A RIFF WebP holding one VP8 chunk of `payload` (padded to an even length).
std::string webp(std::string payload) {
  const auto length = static_cast<std::uint32_t>(payload.size());
  if (payload.size() % 2 != 0) payload += '\0';
  std::string body = "WEBPVP8 "s + little_endian(length) + payload;
  const auto size = static_cast<std::uint32_t>(body.size());
  return "RIFF"s + little_endian(size) + body;
}

TEST(Attachment, WellFormedFilesOfEachKindAreAccepted) {
  EXPECT_EQ(sniff_content_type(kPng), "image/png");
  EXPECT_EQ(sniff_content_type(kJpeg), "image/jpeg");
  EXPECT_EQ(sniff_content_type(kJpeg + std::string(16, '\0')), "image/jpeg");  // padded
  EXPECT_EQ(sniff_content_type(kPdf), "application/pdf");
  EXPECT_EQ(sniff_content_type(kPdf + std::string(900, ' ')), "application/pdf");
  EXPECT_EQ(sniff_content_type(webp("frame bytes"s)), "image/webp");
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
  const std::string whole = webp("frame bytes"s);
  EXPECT_EQ(sniff_content_type(whole.substr(0, whole.size() - 1)), "");  // RIFF size too large
  EXPECT_EQ(sniff_content_type(whole + "x"), "");                        // RIFF size too small
  EXPECT_EQ(sniff_content_type("RIFF\x10\0\0\0WEBPVP8 "s), "");
}

// Issue 18, finding 7: the whole file is judged, not its first bytes.
TEST(Attachment, APngHeaderFollowedByJunkIsRefused) {
  // The signature, IHDR and a well-placed IEND, with bytes outside any chunk between them.
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + "junk that is no chunk"s + kIend), "");
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + kIdat + "\x01\x02"s + kIend), "");
  // A chunk whose length runs past the end of the file.
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + "\0\0\x10\0IDAT"s + kIend), "");
  // A chunk type that is not four letters.
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + "\0\0\0\0ID<T\0\0\0\0"s + kIend), "");
  EXPECT_EQ(sniff_content_type(kPngSignature + kIhdr + kIdat + kIdat + kIend), "image/png");
}

TEST(Attachment, MarkupDeepInsideAFileIsRefused) {
  const std::string filler(4000, 'x');
  EXPECT_EQ(sniff_content_type("%PDF-1.4\n"s + filler + "<!DOCTYPE html><p>hi\n%%EOF\n"), "");
  // Beyond the first KB short tags are not searched: compressed data holds them by chance.
  EXPECT_EQ(sniff_content_type("%PDF-1.4\n"s + filler + "<HTML><body>\n%%EOF\n"),
            "application/pdf");
  EXPECT_EQ(sniff_content_type("%PDF-1.4\n"s + filler + "<SCRIPT>alert(1)</SCRIPT>\n%%EOF\n"), "");
  EXPECT_EQ(sniff_content_type(kJpeg.substr(0, 20) + filler + "<iframe src=x>" + kJpeg.substr(20)),
            "");
  // Ordinary angle brackets in a document are fine.
  EXPECT_EQ(sniff_content_type("%PDF-1.4\n"s + filler + "<< /Type /Page >>\n%%EOF\n"),
            "application/pdf");
}

TEST(Attachment, APdfThatWouldActIsRefused) {
  for (const auto *name : {"/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia"}) {
    EXPECT_EQ(sniff_content_type("%PDF-1.4\n1 0 obj << /S "s + name + " >> endobj\n%%EOF\n"), "")
        << name;
  }
}

TEST(Attachment, AWebpChunkRunningPastTheFileIsRefused) {
  std::string broken = webp("frame bytes"s);
  broken[16] = '\x7F';  // the VP8 chunk's size, now larger than the file
  EXPECT_EQ(sniff_content_type(broken), "");
}

TEST(Attachment, FinalCasesTakeNoFiles) {
  for (State state :
       {State::received, State::in_review, State::waiting_for_customer, State::waiting_for_goods,
        State::goods_received, State::accepted, State::rejected, State::resolved}) {
    EXPECT_TRUE(accepts_attachments(state)) << name(state);
    EXPECT_NO_THROW(check_accepts_attachments(state));
  }
  for (State state : {State::closed, State::cancelled}) {
    EXPECT_FALSE(accepts_attachments(state)) << name(state);
    try {
      check_accepts_attachments(state);
      ADD_FAILURE() << name(state);
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::not_allowed);
      EXPECT_EQ(error.rule(), "attachment_state");
    }
  }
}

TEST(Attachment, TheQuotaCountsFilesAndBytes) {
  const AttachmentQuota quota{3, 1000};
  EXPECT_NO_THROW(check_attachment_quota(quota, 0, 0, 3, 1000));
  EXPECT_NO_THROW(check_attachment_quota(quota, 2, 500, 1, 500));
  try {
    check_attachment_quota(quota, 3, 10, 1, 10);
    ADD_FAILURE();
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "attachment_quota");
    EXPECT_EQ(error.field(), "attachments");
    EXPECT_NE(std::string(error.what()).find("at most 3 files"), std::string::npos);
  }
  EXPECT_THROW(check_attachment_quota(quota, 1, 900, 1, 101), Error);
}

}  // namespace
}  // namespace reclaim
