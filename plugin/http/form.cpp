#include "http/form.hpp"

#include <strings.h>

#include "core/text.hpp"

namespace reclaim::http {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         strncasecmp(text.data(), prefix.data(), prefix.size()) == 0;
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of parameter `name` in a header such as `form-data; name="x"; filename="y"`.
std::optional<std::string> header_parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto semi = header.find(';', pos);
    if (semi == std::string_view::npos) semi = header.size();
    std::string_view part = trim(header.substr(pos, semi - pos));
    pos = semi + 1;
    const auto eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    if (!(trim(part.substr(0, eq)).size() == name.size() &&
          starts_with_nocase(trim(part.substr(0, eq)), name))) {
      continue;
    }
    std::string_view value = trim(part.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"') {
      // A quoted value may hold ';': take it up to the closing quote.
      const std::size_t start = static_cast<std::size_t>(value.data() - header.data()) + 1;
      const auto end = header.find('"', start);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(header.substr(start, end - start));
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace

std::string Form::get(std::string_view name) const {
  for (const auto &[key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

bool Form::has(std::string_view name) const {
  for (const auto &field : fields) {
    if (field.first == name) return true;
  }
  return false;
}

std::string url_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

Form parse_urlencoded(std::string_view text) {
  Form form;
  std::size_t pos = 0;
  while (pos <= text.size() && !text.empty()) {
    auto amp = text.find('&', pos);
    if (amp == std::string_view::npos) amp = text.size();
    const std::string_view pair = text.substr(pos, amp - pos);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      form.fields.emplace_back(url_decode(pair.substr(0, eq)),
                               eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1)));
    }
    if (form.fields.size() > 1000) break;
    pos = amp + 1;
    if (amp == text.size()) break;
  }
  return form;
}

std::optional<Form> parse_multipart(std::string_view body, std::string_view content_type) {
  const auto boundary_value = header_parameter(content_type, "boundary");
  if (!boundary_value || boundary_value->empty() || boundary_value->size() > 200) {
    return std::nullopt;
  }
  const std::string delimiter = "--" + *boundary_value;
  Form form;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  while (true) {
    pos += delimiter.size();
    if (body.compare(pos, 2, "--") == 0) return form;  // the closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) return std::nullopt;
    pos += 2;
    const auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    const std::string_view head = body.substr(pos, head_end - pos);
    const std::size_t content_start = head_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return std::nullopt;
    const std::string_view content = body.substr(content_start, next - content_start);
    std::optional<std::string> name, filename;
    std::size_t line_start = 0;
    while (line_start <= head.size()) {
      auto line_end = head.find("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = head.size();
      const std::string_view line = head.substr(line_start, line_end - line_start);
      if (starts_with_nocase(line, "content-disposition:")) {
        name = header_parameter(line.substr(20), "name");
        filename = header_parameter(line.substr(20), "filename");
      }
      if (line_end == head.size()) break;
      line_start = line_end + 2;
    }
    if (!name) return std::nullopt;
    if (filename) {
      if (!filename->empty() || !content.empty()) {
        form.files.push_back({*name, *filename, std::string(content)});
      }
    } else {
      form.fields.emplace_back(*name, std::string(content));
    }
    if (form.fields.size() + form.files.size() > 1000) return std::nullopt;
    pos = next + 2;
  }
}

std::optional<Form> parse_form(std::string_view body, std::string_view content_type) {
  if (starts_with_nocase(content_type, "multipart/form-data")) {
    return parse_multipart(body, content_type);
  }
  if (content_type.empty() ||
      starts_with_nocase(content_type, "application/x-www-form-urlencoded")) {
    return parse_urlencoded(body);
  }
  return std::nullopt;
}

std::string clip(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string_view cookie(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto semi = header.find(';', pos);
    if (semi == std::string_view::npos) semi = header.size();
    const std::string_view part = trim(header.substr(pos, semi - pos));
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return part.substr(eq + 1);
    }
    pos = semi + 1;
  }
  return {};
}

}  // namespace reclaim::http
