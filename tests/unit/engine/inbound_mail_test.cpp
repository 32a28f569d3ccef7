// Inbound e-mail's parser (issue 16): real clients' messages (tests/fixtures/mail, written by
// make_fixtures.py), their charsets, quoting and files; hostile and oversized input refused
// cleanly; the Message-ID form that threads replies to their case.
#include "engine/inbound_mail.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace reclaim {
namespace {

using namespace std::string_literals;

std::string fixture(const std::string &name) {
  std::ifstream in(std::string(RECLAIM_FIXTURES) + "/mail/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().empty()) throw std::runtime_error("no fixture " + name);
  return text.str();
}

std::string rule_of(std::string_view raw) {
  try {
    parse_inbound_mail(raw);
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::invalid_argument);
    EXPECT_EQ(error.field(), "raw");
    return error.rule();
  }
  return "accepted";
}

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

TEST(InboundMail, ThunderbirdReplyKeepsTheNewTextAndItsThread) {
  const InboundMail mail = parse_inbound_mail(fixture("thunderbird_reply.eml"));
  EXPECT_EQ(mail.from_address, "Jan@Example.PL");
  EXPECT_EQ(mail.from_name, "Jan Kowalski");
  EXPECT_EQ(mail.subject, "Re: Your complaint");
  EXPECT_EQ(mail.message_id, "3f1c2b9e-7a41-4c1e-9d2a-0b8e5f6a7c11@example.pl");
  EXPECT_EQ(mail.in_reply_to, "reclaim.RC-2026-000001.m_1a2b3c@shop.example");
  ASSERT_EQ(mail.references.size(), 1u);
  ASSERT_TRUE(mail.date);
  EXPECT_EQ(*mail.date, *parse_rfc3339("2026-11-30T10:02:15Z"));
  EXPECT_FALSE(mail.from_html);  // text/plain preferred
  EXPECT_EQ(mail.text,
            "Hello,\n\nthe kettle stops heating after two minutes. The serial number is\n"
            "SN-4471.\n\nRegards,\nJan");
  EXPECT_TRUE(mail.attachments.empty());
}

TEST(InboundMail, GmailInPolishQuotedPrintableIso88592) {
  const InboundMail mail = parse_inbound_mail(fixture("gmail_polish_qp.eml"));
  EXPECT_EQ(mail.subject, "Re: Zgłoszenie rc-2026-000001 świeże");
  EXPECT_EQ(case_number_in_text(mail.subject, "RC"), "RC-2026-000001");
  EXPECT_EQ(mail.text,
            "Dzień dobry,\n\nczajnik przestał grzać po tygodniu. Proszę o wymianę na nowy.\n"
            "Załączam numer seryjny: SN-4471.\n\nPozdrawiam\nJan Kowalski");
}

TEST(InboundMail, RussianKoi8rWithASignature) {
  const InboundMail mail = parse_inbound_mail(fixture("russian_koi8r.eml"));
  EXPECT_EQ(mail.from_name, "Иван Петров");
  EXPECT_EQ(mail.subject, "Re: заявка RC-2026-000001");
  EXPECT_EQ(mail.text, "Здравствуйте!\n\nЧайник перестал греть через неделю. Прошу заменить.");
}

TEST(InboundMail, FilesAreDecodedAsDeclared) {
  const InboundMail mail = parse_inbound_mail(fixture("attachments.eml"));
  EXPECT_EQ(mail.text, "Here are the photo and the receipt.\n\nJan");  // Outlook's block cut
  ASSERT_EQ(mail.attachments.size(), 3u);
  EXPECT_EQ(mail.attachments[0].filename, "kettle.jpg");
  EXPECT_EQ(mail.attachments[0].content_type, "image/jpeg");
  EXPECT_EQ(mail.attachments[0].bytes,
            "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0photo\xFF\xD9"s);
  EXPECT_EQ(mail.attachments[1].filename, "paragon.pdf");  // an encoded word decoded
  EXPECT_EQ(mail.attachments[1].content_type, "application/pdf");
  EXPECT_EQ(mail.attachments[1].bytes, "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
  EXPECT_EQ(mail.attachments[2].filename, "invoice.exe");
}

TEST(InboundMail, HtmlOnlyBecomesText) {
  const InboundMail mail = parse_inbound_mail(fixture("html_only.eml"));
  EXPECT_TRUE(mail.from_html);
  EXPECT_EQ(mail.text, "Dzień dobry,\n\nczajnik nadal nie działa & przecieka.\n\nPozdrawiam\nJan");
}

TEST(InboundMail, HtmlQuotesScriptsAndStylesGo) {
  EXPECT_EQ(html_to_text("<div dir=ltr>New<br>text</div><div class=\"gmail_quote\">On … wrote:"
                         "<blockquote>old</blockquote></div>"),
            "New\ntext");
  EXPECT_EQ(html_to_text("<style>x{}</style><script>alert(1)</script><p>a &lt;b&gt; &#x105;"
                         "&#261;&nbsp;c</p>"),
            "a <b> ąą c");
  EXPECT_EQ(html_to_text("<p>unterminated <b"), "unterminated");
  EXPECT_EQ(html_to_text(""), "");
}

TEST(InboundMail, ACrLfInTheSubjectSplitsNothing) {
  const InboundMail mail = parse_inbound_mail(fixture("crlf_subject.eml"));
  EXPECT_FALSE(has(mail.subject, "\r"));
  EXPECT_FALSE(has(mail.subject, "\n"));
  EXPECT_EQ(mail.subject, "Re: RC-2026-000001 Bcc: victim@evil.example hi");
}

TEST(InboundMail, MalformedMimeIsRefused) {
  EXPECT_EQ(rule_of(fixture("malformed.eml")), "mail_malformed");
  EXPECT_EQ(rule_of(""), "mail_malformed");
  EXPECT_EQ(rule_of("\r\n\r\n"), "mail_malformed");
  EXPECT_EQ(rule_of("just text\nwithout any header\n"), "mail_malformed");
}

TEST(InboundMail, AMessageOver10MbIsRefused) {
  std::string raw = "From: jan@example.pl\r\nSubject: big\r\nContent-Type: text/plain\r\n\r\n";
  raw.append(kMaxInboundMailBytes, 'a');
  EXPECT_EQ(rule_of(raw), "mail_too_large");
}

TEST(InboundMail, SenderFilesAndNestingAreBounded) {
  EXPECT_EQ(rule_of("Subject: hi\r\n\r\nbody\r\n"), "mail_no_sender");
  EXPECT_EQ(rule_of("From: not an address\r\nSubject: hi\r\n\r\nbody\r\n"), "mail_no_sender");
  EXPECT_EQ(rule_of("From: undisclosed-recipients:;\r\n\r\nbody\r\n"), "mail_no_sender");

  std::string many =
      "From: jan@example.pl\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n";
  for (int i = 0; i < 11; ++i) {
    many += "--z\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"f" +
            std::to_string(i) + ".jpg\"\r\n\r\nxx\r\n";
  }
  EXPECT_EQ(rule_of(many + "--z--\r\n"), "mail_too_many_files");

  std::string body = "Content-Type: text/plain\r\n\r\nhello\r\n";
  for (int i = 0; i < 12; ++i) {
    const std::string b = "b" + std::to_string(i);
    body = "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n--" + b + "\r\n" + body +
           "\r\n--" + b + "--\r\n";
  }
  EXPECT_EQ(rule_of("From: jan@example.pl\r\nMIME-Version: 1.0\r\n" + body), "mail_too_deep");
}

TEST(InboundMail, HostileBytesNeverCrash) {
  // Random-looking bytes, NULs, a truncated multipart, a header without a value: each is
  // taken or refused with an Error, never a crash.
  std::string noise;
  std::uint32_t state = 4471;
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245u + 12345u;
    noise += static_cast<char>(state >> 24);
  }
  const std::string inputs[] = {
      noise,
      "From: jan@example.pl\r\n" + noise,
      "From: jan@example.pl\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"
      "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64",
      "From: jan@example.pl\r\nSubject:\r\nContent-Type: text/plain; "
      "charset=no-such\r\n\r\n\xff\xfe",
      "From: jan@example.pl\r\nSubject: a\0b\r\n\r\nbo\0dy"s,
      "From: jan@example.pl\r\nContent-Type: text/html\r\n\r\n<<<<&#xFFFFFFFF;&#0;<blockquote>",
  };
  for (const auto &raw : inputs) {
    try {
      const InboundMail mail = parse_inbound_mail(raw);
      EXPECT_FALSE(has(mail.subject, "\n"));
    } catch (const Error &error) {
      EXPECT_EQ(error.status(), Status::invalid_argument);
    }
  }
}

TEST(InboundMail, QuotedHistoryInEachLanguageIsCut) {
  EXPECT_EQ(strip_quoted_history("Yes.\r\n\r\n-----Original Message-----\r\nFrom: shop\r\n"),
            "Yes.");
  EXPECT_EQ(strip_quoted_history("Tak.\n\nOd: Sklep <a@b.pl>\nWysłano: poniedziałek\nDo: Jan\n"
                                 "Temat: X\n\nstare"),
            "Tak.");
  EXPECT_EQ(strip_quoted_history("Да.\n\nОт: Магазин\nОтправлено: понедельник\nКому: Иван\n"),
            "Да.");
  EXPECT_EQ(strip_quoted_history("Да.\n\nВ понедельник Магазин <a@b.ru> пишет:\n> старое"), "Да.");
  EXPECT_EQ(strip_quoted_history("Tak.\n\nW dniu 30.11.2026 o 10:15, Sklep pisze:\n> stare"),
            "Tak.");
  EXPECT_EQ(strip_quoted_history("Yes.\nOn Mon, 30 Nov 2026 at 10:15, Shop <a@b.c>\nwrote:\n> old"),
            "Yes.");
  EXPECT_EQ(strip_quoted_history("> old\nnew\n>> older\nmore\n-- \nsig"), "new\nmore");
  // Words that only look like a header stay.
  EXPECT_EQ(strip_quoted_history("From: my point of view it is broken.\nOn Monday it broke."),
            "From: my point of view it is broken.\nOn Monday it broke.");
}

TEST(InboundMail, CaseNumbersInText) {
  EXPECT_EQ(case_number_in_text("Re: [rc-2026-000042] kettle", "RC"), "RC-2026-000042");
  EXPECT_EQ(case_number_in_text("RMA-2026-000001 and RC-2026-000002", "RC"), "RC-2026-000002");
  EXPECT_EQ(case_number_in_text("RMA-2026-000001", ""), "RMA-2026-000001");
  EXPECT_FALSE(case_number_in_text("XRC-2026-000001", "RC"));
  EXPECT_FALSE(case_number_in_text("RC-2026-00001", "RC"));  // too few digits
  EXPECT_FALSE(case_number_in_text("RC-2026-000001x", "RC"));
  EXPECT_FALSE(case_number_in_text("", "RC"));
}

TEST(InboundMail, MessageIdsCarryTheCaseNumber) {
  const std::string id = message_id_for("RC-2026-000001", "m_7f3a", "shop.example");
  EXPECT_EQ(id, "<reclaim.RC-2026-000001.m_7f3a@shop.example>");
  std::string number;
  ASSERT_TRUE(case_number_from_message_id(id, number));
  EXPECT_EQ(number, "RC-2026-000001");
  ASSERT_TRUE(case_number_from_message_id("Reclaim.rc-2026-000001.x@shop.example", number));
  EXPECT_EQ(number, "RC-2026-000001");
  for (const char *other :
       {"", "<>", "<CAF7xQ@mail.gmail.com>", "<reclaim.@x>", "<reclaim.RC-2026-000001@x>",
        "<reclaim.RC-2026-000001.u@>", "<reclaim.nonsense.u@x>", "<reclaim.RC-2026-1.u@x>"}) {
    EXPECT_FALSE(case_number_from_message_id(other, number)) << other;
  }
  EXPECT_THROW(message_id_for("not a number", "u", "x"), Error);
  EXPECT_THROW(message_id_for("RC-2026-000001", "a b", "x"), Error);
  EXPECT_THROW(message_id_for("RC-2026-000001", "u", "x>\r\nBcc: y"), Error);
  EXPECT_THROW(message_id_for("RC-2026-000001", "", "x"), Error);
}

}  // namespace
}  // namespace reclaim
