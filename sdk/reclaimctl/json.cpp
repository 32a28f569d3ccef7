#include "json.hpp"

#include <cstdint>

namespace reclaimctl {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  bool document(Json &out, std::string &error) {
    if (!value(out, 0) || (skip_ws(), pos_ != s_.size())) {
      error = error_.empty() ? "unexpected text after the document" : error_;
      error += " at offset " + std::to_string(pos_);
      return false;
    }
    return true;
  }

 private:
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool fail(const char *what) {
    if (error_.empty()) error_ = what;
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Json &out, int depth) {
    if (depth > 64) return fail("nested too deeply");
    skip_ws();
    if (pos_ >= s_.size()) return fail("unexpected end");
    size_t start = pos_;
    bool ok = true;
    char c = s_[pos_];
    if (c == '{') {
      out.kind = Json::Kind::object;
      ok = object(out, depth);
    } else if (c == '[') {
      out.kind = Json::Kind::array;
      ok = array(out, depth);
    } else if (c == '"') {
      out.kind = Json::Kind::string;
      ok = string(out.text);
    } else if (c == 't' || c == 'f') {
      out.kind = Json::Kind::boolean;
      out.text = c == 't' ? "true" : "false";
      ok = literal(out.text);
    } else if (c == 'n') {
      out.kind = Json::Kind::null;
      out.text = "null";
      ok = literal("null");
    } else {
      out.kind = Json::Kind::number;
      ok = number(out.text);
    }
    if (ok) out.raw = std::string(s_.substr(start, pos_ - start));
    return ok;
  }

  bool object(Json &out, int depth) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
    for (;;) {
      std::string key;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a member name");
      if (!string(key)) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      Json member;
      if (!value(member, depth + 1)) return false;
      out.members.emplace_back(std::move(key), std::move(member));
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      return fail("expected ',' or '}'");
    }
  }

  bool array(Json &out, int depth) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
    for (;;) {
      Json item;
      if (!value(item, depth + 1)) return false;
      out.items.push_back(std::move(item));
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      return fail("expected ',' or ']'");
    }
  }

  bool number(std::string &out) {
    size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    size_t digits = pos_;
    while (pos_ < s_.size() &&
           std::string_view("0123456789.eE+-").find(s_[pos_]) != std::string_view::npos)
      ++pos_;
    if (pos_ == digits) return fail("invalid value");
    out = std::string(s_.substr(start, pos_ - start));
    return true;
  }

  bool hex4(uint32_t &cp) {
    if (pos_ + 4 > s_.size()) return fail("bad \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9')
        cp |= uint32_t(h - '0');
      else if (h >= 'a' && h <= 'f')
        cp |= uint32_t(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        cp |= uint32_t(h - 'A' + 10);
      else
        return fail("bad \\u escape");
    }
    return true;
  }

  static void append_utf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string &out) {
    ++pos_;
    out.clear();
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            uint32_t low;
            pos_ += 2;
            if (!hex4(low)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

void pretty(const Json &v, int depth, std::string &out) {
  auto newline = [&](int d) {
    out += '\n';
    out.append(size_t(d) * 2, ' ');
  };
  if (v.kind == Json::Kind::object && !v.members.empty()) {
    out += '{';
    for (size_t i = 0; i < v.members.size(); ++i) {
      newline(depth + 1);
      out += quote_json(v.members[i].first) + ": ";
      pretty(v.members[i].second, depth + 1, out);
      if (i + 1 < v.members.size()) out += ',';
    }
    newline(depth);
    out += '}';
  } else if (v.kind == Json::Kind::array && !v.items.empty()) {
    out += '[';
    for (size_t i = 0; i < v.items.size(); ++i) {
      newline(depth + 1);
      pretty(v.items[i], depth + 1, out);
      if (i + 1 < v.items.size()) out += ',';
    }
    newline(depth);
    out += ']';
  } else if (v.kind == Json::Kind::string) {
    out += quote_json(v.text);
  } else if (v.kind == Json::Kind::object) {
    out += "{}";
  } else if (v.kind == Json::Kind::array) {
    out += "[]";
  } else {
    out += v.text;
  }
}

}  // namespace

const Json *Json::get(std::string_view key) const {
  for (const auto &[name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

const Json *Json::at(std::string_view dotted) const {
  const Json *v = this;
  while (v != nullptr && !dotted.empty()) {
    size_t dot = dotted.find('.');
    v = v->get(dotted.substr(0, dot));
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
  }
  return v;
}

std::string Json::cell() const {
  switch (kind) {
    case Kind::null: return "-";
    case Kind::string: return text;
    case Kind::boolean:
    case Kind::number: return text;
    default: return raw;
  }
}

bool parse_json(std::string_view text, Json &out, std::string &error) {
  out = Json{};
  return Parser(text).document(out, error);
}

std::string pretty_json(const Json &value) {
  std::string out;
  pretty(value, 0, out);
  return out;
}

std::string quote_json(std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out + '"';
}

}  // namespace reclaimctl
