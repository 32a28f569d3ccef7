// Reading what browsers send: query strings, url-encoded and multipart forms, cookies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reclaim::http {

struct Upload {
  std::string field;
  std::string filename;
  std::string bytes;
};

struct Form {
  std::vector<std::pair<std::string, std::string>> fields;
  // Parts sent as files (a "filename" parameter) that carry a file name or bytes: an empty
  // file input (no name, no bytes) is left out; bytes without a name are kept, nameless.
  std::vector<Upload> files;

  // The first value of `name`, "" when absent.
  std::string get(std::string_view name) const;
  bool has(std::string_view name) const;
};

std::string url_decode(std::string_view text, bool plus_is_space = true);
std::string url_encode(std::string_view text);

// "a=1&b=x+y" → fields; malformed escapes are kept as typed.
Form parse_urlencoded(std::string_view text);
// A multipart/form-data body; nullopt when it is malformed or the boundary is missing.
std::optional<Form> parse_multipart(std::string_view body, std::string_view content_type);
// Either kind, chosen by the content type; nullopt when the body cannot be read as a form.
std::optional<Form> parse_form(std::string_view body, std::string_view content_type);

// At most `max_bytes` of `text`, cut before a UTF-8 sequence rather than inside one.
std::string clip(std::string_view text, std::size_t max_bytes);

// True when `text` starts with `prefix`, ignoring ASCII case (media types, header values).
bool starts_with_nocase(std::string_view text, std::string_view prefix);

// The value of cookie `name` in a Cookie header (a view into it), "" when absent.
std::string_view cookie(std::string_view header, std::string_view name);

}  // namespace reclaim::http
