#include "engine/inbound_mail.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "codec/html_text.hpp"
#include "core/error.hpp"

namespace reclaim {

namespace {

constexpr const char *kField = "raw";

[[noreturn]] void refuse(const std::string &message, const char *rule) {
  fail(Status::invalid_argument, message, kField, rule);
}

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// GLib objects released at the end of a scope.
template <typename T>
struct Ref {
  T *p = nullptr;
  explicit Ref(T *given) : p(given) {}
  ~Ref() {
    if (p) g_object_unref(p);
  }
  Ref(const Ref &) = delete;
  Ref &operator=(const Ref &) = delete;
};

struct GFree {
  char *p;
  ~GFree() { g_free(p); }
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool alnum(char c) { return digit(c) || (lower(c) >= 'a' && lower(c) <= 'z'); }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istarts(std::string_view text, std::string_view start) {
  return text.size() >= start.size() && iequal(text.substr(0, start.size()), start);
}

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

std::string_view trim(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// Lines as "\n"-ended text: CR LF and lone CR become LF.
std::string unix_lines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A header value for one line: CR, LF, tabs and other controls become spaces (a CR/LF smuggled
// in an encoded word must not split a header of a mail made from it later), spaces collapse.
std::string one_line(const char *value) {
  if (!value) return {};
  std::string out;
  for (const char *c = value; *c; ++c) {
    const auto byte = static_cast<unsigned char>(*c);
    const char put = byte < 0x20 || byte == 0x7f ? ' ' : *c;
    if (put == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += put;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return clean_text(out);
}

// A Message-ID as kept: brackets, spaces and controls dropped, at most 998 bytes (a header line).
std::string bare_id(const char *id) {
  if (!id) return {};
  std::string out;
  for (const char *c = id; *c; ++c) {
    const auto byte = static_cast<unsigned char>(*c);
    if (byte <= 0x20 || byte == 0x7f || *c == '<' || *c == '>') continue;
    out += *c;
  }
  return out.substr(0, 998);
}

bool plausible_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  return std::none_of(address.begin(), address.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7f || c == '<' || c == '>' || c == ',' || c == ';';
  });
}

// Issues GMime reports while parsing; the critical ones mean parts of the input were skipped.
struct Issues {
  bool critical = false;
  std::string first;
};

void on_issue(gint64 /*offset*/, GMimeParserWarning code, const gchar *item, gpointer data) {
  auto &issues = *static_cast<Issues *>(data);
  switch (code) {
    case GMIME_CRIT_INVALID_HEADER_NAME:
    case GMIME_CRIT_CONFLICTING_HEADER:
    case GMIME_CRIT_CONFLICTING_PARAMETER:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_NESTING_OVERFLOW:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
      if (!issues.critical) {
        issues.critical = true;
        issues.first = std::to_string(static_cast<int>(code));
        if (item) issues.first += std::string(" (") + one_line(item).substr(0, 80) + ")";
      }
      break;
    default: break;
  }
}

std::string part_bytes(GMimePart *part) {
  GMimeDataWrapper *content = g_mime_part_get_content(part);
  if (!content) return {};
  Ref<GMimeStream> memory(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, memory.p) < 0) {
    refuse("a part of the message cannot be decoded", "mail_malformed");
  }
  GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.p));
  return array ? std::string(reinterpret_cast<const char *>(array->data), array->len)
               : std::string();
}

// A text part as UTF-8 (GMime converts from its declared charset), cleaned for display.
std::string part_text(GMimeObject *object) {
  if (GMIME_IS_TEXT_PART(object)) {
    GFree text{g_mime_text_part_get_text(GMIME_TEXT_PART(object))};
    if (text.p) return clean_text(unix_lines(text.p));
  }
  return clean_text(unix_lines(part_bytes(GMIME_PART(object))));
}

struct Walk {
  InboundMail &mail;
  std::string plain, html;
  bool have_plain = false, have_html = false;
};

void walk(GMimeObject *object, int depth, Walk &into) {
  if (depth > kMaxInboundNesting) {
    refuse("the message nests parts deeper than " + std::to_string(kMaxInboundNesting) + " levels",
           "mail_too_deep");
  }
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart *multipart = GMIME_MULTIPART(object);
    const int count = g_mime_multipart_get_count(multipart);
    for (int i = 0; i < count; ++i) walk(g_mime_multipart_get_part(multipart, i), depth + 1, into);
    return;
  }
  // A forwarded or bounced message is history, not the customer's words; its files stay with it.
  if (!GMIME_IS_PART(object)) return;
  GMimePart *part = GMIME_PART(object);
  GMimeContentType *type = g_mime_object_get_content_type(object);
  const bool text = type && g_mime_content_type_is_type(type, "text", "*");
  const char *filename = g_mime_part_get_filename(part);
  const bool named = filename && *filename;
  if (type && g_mime_content_type_is_type(type, "application", "pgp-signature")) return;
  if (type && g_mime_content_type_is_type(type, "application", "pkcs7-signature")) return;
  if (text && !named && !g_mime_part_is_attachment(part)) {
    if (g_mime_content_type_is_type(type, "text", "html")) {
      if (!into.have_html) into.html = part_text(object), into.have_html = true;
    } else if (g_mime_content_type_is_type(type, "text", "plain")) {
      if (!into.have_plain) into.plain = part_text(object), into.have_plain = true;
    }
    return;  // text/calendar, text/enriched…: neither the reply nor a file a case takes
  }
  if (into.mail.attachments.size() >= kMaxInboundAttachments) {
    refuse("the message carries more than " + std::to_string(kMaxInboundAttachments) + " files",
           "mail_too_many_files");
  }
  MailAttachment file;
  file.filename = named ? one_line(filename).substr(0, 200) : std::string();
  if (type) {
    GFree mime{g_mime_content_type_get_mime_type(type)};
    if (mime.p) {
      file.content_type = one_line(mime.p).substr(0, 200);
      std::transform(file.content_type.begin(), file.content_type.end(), file.content_type.begin(),
                     lower);
    }
  }
  file.bytes = part_bytes(part);
  into.mail.attachments.push_back(std::move(file));
}

// Case number "PREFIX-YYYY-NNNNNN…" starting at `at` (the prefix's first letter), its length
// or 0.
std::size_t number_length(std::string_view text, std::size_t at, std::size_t prefix_length) {
  std::size_t i = at + prefix_length;
  if (i >= text.size() || text[i] != '-') return 0;
  ++i;
  for (int n = 0; n < 4; ++n, ++i) {
    if (i >= text.size() || !digit(text[i])) return 0;
  }
  if (i >= text.size() || text[i] != '-') return 0;
  ++i;
  std::size_t digits = 0;
  while (i < text.size() && digit(text[i])) ++i, ++digits;
  if (digits < 6 || digits > 12) return 0;
  if (i < text.size() && alnum(text[i])) return 0;
  return i - at;
}

bool is_case_number(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash > 12) return false;
  for (std::size_t i = 0; i < dash; ++i) {
    if (!alnum(text[i])) return false;
  }
  return number_length(text, 0, dash) == text.size();
}

std::string upper_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), upper);
  return out;
}

// A reply header that starts the quoted history: the line, or the line and the next together.
bool reply_header(std::string_view line, std::string_view next) {
  const std::string_view t = trim(line);
  if (t.empty()) return false;
  static constexpr std::array<std::string_view, 9> kSeparators = {
      "-----Original Message-----",
      "----- Original Message -----",
      "-------- Original Message --------",
      "-------- Forwarded Message --------",
      "-----Oryginalna wiadomość-----",
      "-------- Oryginalna wiadomość --------",
      "-----Исходное сообщение-----",
      "-------- Исходное сообщение --------",
      "-------- Пересылаемое сообщение --------"};
  for (const auto separator : kSeparators) {
    if (istarts(t, separator)) return true;
  }
  static constexpr std::array<std::string_view, 7> kWrote = {
      "wrote:", "pisze:", "napisał(a):", "napisał:", "napisała:", "написал(а):", "пишет:"};
  static constexpr std::array<std::string_view, 2> kMoreWrote = {"написал:", "написала:"};
  const auto wrote = [&](std::string_view text) {
    for (const auto end : kWrote) {
      if (ends_with(text, end)) return true;
    }
    for (const auto end : kMoreWrote) {
      if (ends_with(text, end)) return true;
    }
    return false;
  };
  // "On Mon, 30 Nov 2026 at 10:00, Shop <desk@shop.example> wrote:", maybe wrapped in two.
  if (istarts(t, "On ") || istarts(t, "W dniu ") || istarts(t, "Dnia ")) {
    if (wrote(t)) return true;
    const std::string_view n = trim(next);
    if (!n.empty() && wrote(n)) return true;
  }
  // "30.11.2026, 10:00, Shop <desk@shop.example> написал(а):" has no fixed start; a line that
  // ends so and names an address or a date is the header.
  if (wrote(t) &&
      (t.find('@') != std::string_view::npos || std::any_of(t.begin(), t.end(), digit))) {
    return true;
  }
  return false;
}

// Outlook's block: "From: …" then "Sent:"/"Date:"/"To:"/"Subject:" within the next lines.
bool outlook_block(const std::vector<std::string_view> &lines, std::size_t at) {
  const std::string_view t = trim(lines[at]);
  const bool from =
      istarts(t, "From:") || istarts(t, "Od:") || istarts(t, "От:") || istarts(t, "*From:*");
  if (!from) return false;
  for (std::size_t i = at + 1; i < lines.size() && i <= at + 4; ++i) {
    const std::string_view n = trim(lines[i]);
    for (const std::string_view key :
         {"Sent:", "Date:", "To:", "Subject:", "Wysłano:", "Data:", "Do:", "Temat:", "Отправлено:",
          "Дата:", "Кому:", "Тема:", "*Sent:*", "*To:*"}) {
      if (istarts(n, key)) return true;
    }
  }
  return false;
}

void decode_entity(std::string_view entity, std::string &out) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},  {"lt", "<"},  {"gt", ">"},         {"quot", "\""},      {"apos", "'"},
      {"nbsp", " "}, {"#39", "'"}, {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"}};
  for (const auto &[name, text] : kNamed) {
    if (entity == name) {
      out += text;
      return;
    }
  }
  if (entity.size() > 1 && entity[0] == '#') {
    unsigned long code = 0;
    const bool hex = entity[1] == 'x' || entity[1] == 'X';
    for (std::size_t i = hex ? 2 : 1; i < entity.size(); ++i) {
      const char c = lower(entity[i]);
      const int value = digit(c) ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (value < 0 || code > 0x10FFFF) return;
      code = code * (hex ? 16 : 10) + static_cast<unsigned long>(value);
    }
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return;
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
}

}  // namespace

std::string strip_quoted_history(std::string_view given) {
  const std::string text = unix_lines(given);
  std::vector<std::string_view> lines;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    lines.push_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line == "-- " || line == "--") break;  // the signature separator
    const std::string_view next = i + 1 < lines.size() ? lines[i + 1] : std::string_view();
    if (reply_header(line, next) || outlook_block(lines, i)) break;
    const std::string_view t = trim(line);
    if (!t.empty() && t.front() == '>') continue;
    out.append(line);
    out += '\n';
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) {
    out.pop_back();
  }
  std::size_t start = 0;
  while (start < out.size() && out[start] == '\n') ++start;
  return out.substr(start);
}

std::string html_to_text(std::string_view html) {
  std::string out;
  int skipping = 0;  // depth within script, style, head, blockquote, gmail_quote
  std::vector<bool> skipped_divs;
  std::size_t i = 0;
  const auto newline = [&] {
    if (skipping) return;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        const auto end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      const auto end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      i = end + 1;
      const bool closing = !tag.empty() && tag.front() == '/';
      if (closing) tag.remove_prefix(1);
      std::size_t n = 0;
      while (n < tag.size() && alnum(tag[n])) ++n;
      const std::string name = [&] {
        std::string s(tag.substr(0, n));
        std::transform(s.begin(), s.end(), s.begin(), lower);
        return s;
      }();
      const bool hides = name == "script" || name == "style" || name == "head" ||
                         name == "blockquote" || name == "title";
      if (hides) {
        if (closing) {
          if (skipping > 0) --skipping;
        } else if (tag.empty() || tag.back() != '/') {
          ++skipping;
        }
        continue;
      }
      if (name == "div") {
        // Gmail's and Outlook's quoted history sit in a div of their own.
        if (closing) {
          if (!skipped_divs.empty()) {
            if (skipped_divs.back() && skipping > 0) --skipping;
            skipped_divs.pop_back();
          }
          newline();
        } else {
          std::string attributes(tag.substr(n));
          std::transform(attributes.begin(), attributes.end(), attributes.begin(), lower);
          const bool quote = attributes.find("gmail_quote") != std::string::npos ||
                             attributes.find("moz-cite-prefix") != std::string::npos ||
                             attributes.find("divrplyfwdmsg") != std::string::npos;
          skipped_divs.push_back(quote);
          if (quote) ++skipping;
          newline();
        }
        continue;
      }
      if (name == "br" || name == "p" || name == "li" || name == "tr" || name == "h1" ||
          name == "h2" || name == "h3" || name == "h4" || name == "h5" || name == "h6" ||
          name == "table" || name == "ul" || name == "ol" || name == "hr") {
        newline();
      } else if ((name == "td" || name == "th") && !skipping) {
        out += ' ';
      }
      continue;
    }
    if (skipping) {
      ++i;
      continue;
    }
    if (c == '&') {
      const auto end = html.find(';', i);
      if (end != std::string_view::npos && end - i <= 10) {
        decode_entity(html.substr(i + 1, end - i - 1), out);
        i = end + 1;
        continue;
      }
    }
    if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  // At most one blank line in a row, no spaces at line starts.
  std::string tidy;
  int newlines = 0;
  for (char ch : out) {
    if (ch == '\n') {
      if (++newlines <= 2) tidy += ch;
      continue;
    }
    if (ch == ' ' && (tidy.empty() || tidy.back() == '\n')) continue;
    newlines = 0;
    tidy += ch;
  }
  return std::string(trim(tidy));
}

std::optional<std::string> case_number_in_text(std::string_view text, std::string_view prefix) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!alnum(text[at]) || (at > 0 && alnum(text[at - 1]))) continue;
    std::size_t letters = 0;
    while (at + letters < text.size() && alnum(text[at + letters]) && letters <= 12) ++letters;
    if (letters == 0 || letters > 12) continue;
    if (!prefix.empty() && !iequal(text.substr(at, letters), prefix)) continue;
    if (const std::size_t length = number_length(text, at, letters)) {
      return upper_case(text.substr(at, length));
    }
  }
  return std::nullopt;
}

std::string message_id_for(std::string_view case_number, std::string_view unique,
                           std::string_view domain) {
  if (!is_case_number(case_number)) {
    fail(Status::invalid_argument, "not a case number", "case_number");
  }
  const auto word = [](char c) { return alnum(c) || c == '-' || c == '_'; };
  if (unique.empty() || unique.size() > 64 || !std::all_of(unique.begin(), unique.end(), word)) {
    fail(Status::invalid_argument, "1 to 64 letters, digits, '-' or '_'", "unique");
  }
  const auto host = [](char c) { return alnum(c) || c == '-' || c == '.'; };
  if (domain.empty() || domain.size() > 253 || !std::all_of(domain.begin(), domain.end(), host)) {
    fail(Status::invalid_argument, "a domain name", "domain");
  }
  return "<reclaim." + upper_case(case_number) + "." + std::string(unique) + "@" +
         std::string(domain) + ">";
}

bool case_number_from_message_id(std::string_view id, std::string &out) {
  id = trim(id);
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  if (!istarts(id, "reclaim.")) return false;
  id.remove_prefix(8);
  const auto at = id.rfind('@');
  if (at == std::string_view::npos || at + 1 == id.size()) return false;
  const std::string_view local = id.substr(0, at);
  const auto dot = local.find('.');
  if (dot == std::string_view::npos || dot + 1 == local.size()) return false;
  const std::string_view number = local.substr(0, dot);
  if (!is_case_number(number)) return false;
  out = upper_case(number);
  return true;
}

InboundMail parse_inbound_mail(std::string_view raw) {
  if (raw.size() > kMaxInboundMailBytes) {
    refuse("the message is " + std::to_string(raw.size()) + " bytes; at most " +
               std::to_string(kMaxInboundMailBytes) + " are taken",
           "mail_too_large");
  }
  if (trim(raw).empty()) refuse("the message is empty", "mail_malformed");
  init_gmime();

  InboundMail mail;
  mail.raw_size = raw.size();
  Issues issues;
  GMimeParserOptions *options = g_mime_parser_options_new();
  struct OptionsFree {
    GMimeParserOptions *p;
    ~OptionsFree() { g_mime_parser_options_free(p); }
  } options_free{options};
  g_mime_parser_options_set_warning_callback(options, on_issue, &issues);

  Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.p));
  Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.p, options));
  if (!message.p) refuse("the message has no RFC 5322 header", "mail_malformed");
  if (issues.critical) {
    refuse("the message's MIME structure is broken (GMime issue " + issues.first + ")",
           "mail_malformed");
  }

  InternetAddressList *from = g_mime_message_get_from(message.p);
  InternetAddress *sender = from && internet_address_list_length(from) > 0
                                ? internet_address_list_get_address(from, 0)
                                : nullptr;
  if (!sender || !INTERNET_ADDRESS_IS_MAILBOX(sender)) {
    refuse("the message has no From mailbox", "mail_no_sender");
  }
  const char *address = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(sender));
  mail.from_address = address ? std::string(trim(address)) : std::string();
  if (!plausible_address(mail.from_address)) {
    refuse("the message's From is not an e-mail address", "mail_no_sender");
  }
  mail.from_name = one_line(internet_address_get_name(sender)).substr(0, 200);
  mail.subject = one_line(g_mime_message_get_subject(message.p)).substr(0, 998);
  mail.message_id = bare_id(g_mime_message_get_message_id(message.p));
  const auto ids = [&](const char *header) {
    std::vector<std::string> found;
    const char *value = g_mime_object_get_header(GMIME_OBJECT(message.p), header);
    if (!value) return found;
    GMimeReferences *references = g_mime_references_parse(options, value);
    if (!references) return found;
    const int count = std::min(g_mime_references_length(references), 100);
    for (int i = 0; i < count; ++i) {
      std::string id = bare_id(g_mime_references_get_message_id(references, i));
      if (!id.empty()) found.push_back(std::move(id));
    }
    g_mime_references_free(references);
    return found;
  };
  const auto in_reply_to = ids("In-Reply-To");
  if (!in_reply_to.empty()) mail.in_reply_to = in_reply_to.front();
  mail.references = ids("References");
  if (GDateTime *date = g_mime_message_get_date(message.p)) {
    mail.date = static_cast<UnixMs>(g_date_time_to_unix(date)) * 1000;
  }

  Walk walked{mail, {}, {}};
  if (GMimeObject *body = g_mime_message_get_mime_part(message.p)) walk(body, 0, walked);
  if (walked.have_plain && !trim(walked.plain).empty()) {
    mail.text = strip_quoted_history(walked.plain);
  } else if (walked.have_html) {
    mail.text = strip_quoted_history(html_to_text(walked.html));
    mail.from_html = true;
  }
  return mail;
}

}  // namespace reclaim
