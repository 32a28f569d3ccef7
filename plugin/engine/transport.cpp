#include "engine/transport.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>

#include "core/crypto.hpp"

namespace reclaim {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL *handle) const { curl_easy_cleanup(handle); }
  void operator()(curl_slist *list) const { curl_slist_free_all(list); }
  void operator()(curl_mime *mime) const { curl_mime_free(mime); }
};
using Easy = std::unique_ptr<CURL, CurlDeleter>;
using List = std::unique_ptr<curl_slist, CurlDeleter>;
using Mime = std::unique_ptr<curl_mime, CurlDeleter>;

void append(List &list, const std::string &line) {
  curl_slist *grown = curl_slist_append(list.get(), line.c_str());
  if (!grown) throw DeliveryFailure("out of memory", false);
  list.release();
  list.reset(grown);
}

std::string address_only(const std::string &value) {
  const auto open = value.find('<');
  const auto close = value.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    return value.substr(open + 1, close - open - 1);
  }
  return value;
}

bool ascii(const std::string &text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

// "Name <a@b>" with the name encoded when it is not ASCII; a bare address as is.
std::string encode_mailbox(const std::string &value) {
  const auto open = value.find('<');
  if (open == std::string::npos || open == 0) return value;
  std::string name = value.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (ascii(name)) return value;
  return encode_header_words(name) + " " + value.substr(open);
}

std::string rfc5322_date(UnixMs now) {
  const std::time_t seconds = static_cast<std::time_t>(now / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

void check(CURLcode code, const char *what) {
  if (code != CURLE_OK) throw DeliveryFailure(std::string(what) + ": " + curl_easy_strerror(code), false);
}

curl_socket_t open_checked_socket(void *allow_private, curlsocktype, curl_sockaddr *address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(&address->addr)->sin_addr, text,
              sizeof text);
  } else if (address->family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(&address->addr)->sin6_addr, text,
              sizeof text);
  }
  if (!*static_cast<bool *>(allow_private) && (!*text || internal_address(text))) {
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

std::string encode_header_words(const std::string &text) {
  if (ascii(text)) return text;
  // Encoded words of at most 75 characters (RFC 2047 §2): 45 bytes of UTF-8 give 60 of base64.
  // A word never splits a character.
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + 45, text.size());
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64_encode(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

bool internal_address(const std::string &address) {
  unsigned char bytes[16] = {};
  if (inet_pton(AF_INET, address.c_str(), bytes) == 1) {
    const unsigned a = bytes[0], b = bytes[1];
    return a == 0 || a == 10 || a == 127 || (a == 100 && (b & 0xC0) == 64) ||
           (a == 169 && b == 254) || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168) ||
           a >= 224;
  }
  if (inet_pton(AF_INET6, address.c_str(), bytes) != 1) return true;  // unknown: refuse
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(bytes, kMapped, 12) == 0) {
    char v4[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, bytes + 12, v4, sizeof v4);
    return internal_address(v4);
  }
  bool zero_prefix = true;
  for (int i = 0; i < 15; ++i) zero_prefix = zero_prefix && bytes[i] == 0;
  if (zero_prefix && (bytes[15] == 0 || bytes[15] == 1)) return true;  // :: and ::1
  return (bytes[0] & 0xFE) == 0xFC ||                        // fc00::/7 unique local
         (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80) ||  // fe80::/10 link local
         bytes[0] == 0xFF;                                   // multicast
}

std::string sign_webhook(const std::string &key, const std::string &id, long long seconds,
                         const std::string &body) {
  return "v1," + base64_encode(hmac_sha256(key, id + "." + std::to_string(seconds) + "." + body));
}

void send_mail(const MailConfig &mail, const OutboxMessage &message, UnixMs now,
               const std::vector<DocumentFile> &files) {
  if (mail.smtp.empty()) throw DeliveryFailure("no mail server is configured (mail.smtp)", false);
  global_init();
  Easy easy(curl_easy_init());
  if (!easy) throw DeliveryFailure("cannot start libcurl", false);
  CURL *c = easy.get();
  std::string from, to;
  List headers, recipients;
  for (const auto &[key, value] : message.headers) {
    if (key == "From") from = value;
    if (key == "To") to = value;
    const bool mailbox = key == "From" || key == "To" || key == "Reply-To";
    append(headers, key + ": " + (mailbox ? encode_mailbox(value) : value));
  }
  append(headers, "Subject: " + encode_header_words(message.subject));
  append(headers, "Date: " + rfc5322_date(now));
  append(recipients, "<" + address_only(to) + ">");
  check(curl_easy_setopt(c, CURLOPT_URL, mail.smtp.c_str()), "url");
  check(curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + address_only(from) + ">").c_str()), "from");
  check(curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get()), "rcpt");
  check(curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get()), "headers");
  // "auto" tries STARTTLS; with a password to send it insists, so that a server (or a man in the
  // middle) that offers no STARTTLS never receives the password in the clear.
  const bool secret = !mail.username.empty();
  const long tls = mail.starttls == "required" || (mail.starttls == "auto" && secret)
                       ? CURLUSESSL_ALL
                   : mail.starttls == "off" ? CURLUSESSL_NONE
                                            : CURLUSESSL_TRY;
  check(curl_easy_setopt(c, CURLOPT_USE_SSL, tls), "starttls");
  if (!mail.ca_file.empty()) check(curl_easy_setopt(c, CURLOPT_CAINFO, mail.ca_file.c_str()), "ca_file");
  if (!mail.username.empty()) {
    check(curl_easy_setopt(c, CURLOPT_USERNAME, mail.username.c_str()), "username");
    check(curl_easy_setopt(c, CURLOPT_PASSWORD, mail.password.c_str()), "password");
  }
  check(curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(mail.timeout_s)), "timeout");
  check(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), "nosignal");

  // multipart/alternative: the plain text first, the HTML last (RFC 2046 §5.1.4).
  Mime top(curl_mime_init(c));
  curl_mime *alternative = curl_mime_init(c);
  curl_mimepart *plain = curl_mime_addpart(alternative);
  curl_mime_data(plain, message.text.data(), message.text.size());
  curl_mime_type(plain, "text/plain; charset=utf-8");
  curl_mime_encoder(plain, "base64");
  curl_mimepart *html = curl_mime_addpart(alternative);
  curl_mime_data(html, message.html.data(), message.html.size());
  curl_mime_type(html, "text/html; charset=utf-8");
  curl_mime_encoder(html, "base64");
  curl_mimepart *body = curl_mime_addpart(top.get());
  curl_mime_subparts(body, alternative);  // owned by `top` from here
  curl_mime_type(body, "multipart/alternative");
  for (const auto &file : files) {
    curl_mimepart *part = curl_mime_addpart(top.get());
    curl_mime_data(part, file.bytes.data(), file.bytes.size());
    curl_mime_type(part, file.content_type.c_str());
    curl_mime_filename(part, file.filename.c_str());  // ASCII, no path (core/document.hpp)
    curl_mime_encoder(part, "base64");
  }
  check(curl_easy_setopt(c, CURLOPT_MIMEPOST, top.get()), "mime");

  const CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    std::string why = std::string("SMTP: ") + curl_easy_strerror(result);
    if (reply) why += " (server answered " + std::to_string(reply) + ")";
    throw DeliveryFailure(why, reply >= 500 && reply < 600);
  }
}

void post_webhook(const WebhookConfig &hook, const DeliveryConfig &delivery,
                  const OutboxMessage &message, UnixMs now) {
  global_init();
  Easy easy(curl_easy_init());
  if (!easy) throw DeliveryFailure("cannot start libcurl", false);
  CURL *c = easy.get();
  const long long seconds = now / 1000;
  List headers;
  append(headers, "Content-Type: application/json");
  append(headers, "User-Agent: Reclaim-Webhooks/1");
  append(headers, "webhook-id: " + message.id);
  append(headers, "webhook-timestamp: " + std::to_string(seconds));
  append(headers, "webhook-signature: " + sign_webhook(hook.secret, message.id, seconds, message.text));
  append(headers, "Expect:");  // no 100-continue round trip
  bool allow_private = delivery.allow_private_targets;
  check(curl_easy_setopt(c, CURLOPT_URL, hook.url.c_str()), "url");
  check(curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols");
  check(curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L), "redirects");
  check(curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket), "socket");
  check(curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &allow_private), "socket data");
  check(curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get()), "headers");
  check(curl_easy_setopt(c, CURLOPT_POSTFIELDS, message.text.data()), "body");
  check(curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(message.text.size())), "body size");
  check(curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(delivery.webhook_timeout_s)),
        "timeout");
  check(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), "nosignal");
  // The answer's body is not wanted; a sink keeps it off stdout.
  check(curl_easy_setopt(c, CURLOPT_WRITEFUNCTION,
                         +[](char *, size_t size, size_t count, void *) { return size * count; }),
        "sink");
  const CURLcode result = curl_easy_perform(c);
  if (result == CURLE_COULDNT_CONNECT && !allow_private) {
    // Refused by open_checked_socket, or nothing listens: say which can be at fault.
    throw DeliveryFailure("cannot connect (an internal address is refused unless "
                          "delivery.allow_private_targets)", false);
  }
  if (result != CURLE_OK) throw DeliveryFailure(std::string("webhook: ") + curl_easy_strerror(result), false);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return;
  throw DeliveryFailure("webhook answered HTTP " + std::to_string(status), status == 410);
}

}  // namespace reclaim
