#include "codec/reader.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/currency.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

json::value parse_document(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    fail(Status::invalid_argument,
         "document too large: " + std::to_string(text.size()) + " bytes, at most " +
             std::to_string(max_bytes));
  }
  json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) fail(Status::invalid_argument, "malformed JSON: " + ec.message());
  return value;
}

std::string field_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string field_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

namespace {

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned min = 0, code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1, min = 0x80, code = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2, min = 0x800, code = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3, min = 0x10000, code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

void check_text(std::string_view text, std::size_t max_bytes, const std::string &field) {
  if (text.size() > max_bytes) {
    fail(Status::invalid_argument, "longer than " + std::to_string(max_bytes) + " bytes", field);
  }
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
      fail(Status::invalid_argument, "control characters are not allowed", field);
    }
  }
  if (!valid_utf8(text)) fail(Status::invalid_argument, "not valid UTF-8", field);
}

Fields::Fields(const json::value &value, std::string path)
    : object_(value.if_object()), path_(std::move(path)) {
  if (!object_) {
    fail(Status::invalid_argument, path_.empty() ? "expected a JSON object" : "expected an object",
         path_);
  }
  seen_.resize(object_->size());
}

bool Fields::has(std::string_view key) {
  const auto *v = raw(key);
  return v && !v->is_null();
}

const json::value *Fields::raw(std::string_view key) {
  const auto found = object_->find(key);
  if (found == object_->end()) return nullptr;
  seen_[static_cast<std::size_t>(found - object_->begin())] = true;
  return &found->value();
}

std::optional<std::string> Fields::text(std::string_view key, std::size_t max_bytes) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) fail(Status::invalid_argument, "expected a string", path(key));
  std::string out(v->get_string());
  check_text(out, max_bytes, path(key));
  return out;
}

std::string Fields::required_text(std::string_view key, std::size_t max_bytes) {
  auto value = text(key, max_bytes);
  if (!value || value->empty()) fail(Status::invalid_argument, "required", path(key));
  return *value;
}

std::optional<std::string> Fields::id(std::string_view key) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return std::nullopt;
  std::string out;
  if (v->is_int64()) {
    out = std::to_string(v->get_int64());
  } else if (v->is_uint64()) {
    out = std::to_string(v->get_uint64());
  } else if (v->is_string()) {
    out = std::string(v->get_string());
  } else {
    fail(Status::invalid_argument, "expected a string or an integer id", path(key));
  }
  if (out.empty()) fail(Status::invalid_argument, "must not be empty", path(key));
  check_text(out, kMaxIdBytes, path(key));
  return out;
}

std::string Fields::required_id(std::string_view key) {
  auto value = id(key);
  if (!value) fail(Status::invalid_argument, "required", path(key));
  return *value;
}

std::optional<std::int64_t> Fields::integer(std::string_view key, std::int64_t min,
                                            std::int64_t max) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return std::nullopt;
  std::int64_t out = 0;
  if (v->is_int64()) {
    out = v->get_int64();
  } else if (v->is_uint64()) {
    if (v->get_uint64() > static_cast<std::uint64_t>(max)) {
      fail(Status::invalid_argument, "must be at most " + std::to_string(max), path(key));
    }
    out = static_cast<std::int64_t>(v->get_uint64());
  } else {
    fail(Status::invalid_argument, "expected an integer", path(key));
  }
  if (out < min || out > max) {
    fail(Status::invalid_argument,
         "must be between " + std::to_string(min) + " and " + std::to_string(max), path(key));
  }
  return out;
}

std::optional<bool> Fields::boolean(std::string_view key) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) fail(Status::invalid_argument, "expected true or false", path(key));
  return v->get_bool();
}

std::optional<Decimal> Fields::decimal(std::string_view key) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    fail(Status::invalid_argument, "expected a decimal string such as \"199.99\", not a number",
         path(key));
  }
  auto value = Decimal::parse(v->get_string());
  if (!value) {
    fail(Status::invalid_argument,
         "expected a decimal such as \"199.99\" (at most 12 digits before the point and " +
             std::to_string(Decimal::kScale) + " after)",
         path(key));
  }
  return value;
}

std::optional<UnixMs> Fields::time(std::string_view key) {
  auto value = text(key, 64);
  if (!value) return std::nullopt;
  auto at = parse_rfc3339(*value);
  if (!at) {
    fail(Status::invalid_argument, "expected an RFC 3339 time such as 2026-11-22T10:15:00Z",
         path(key));
  }
  return at;
}

std::optional<std::string> Fields::currency(std::string_view key) {
  auto value = text(key, 8);
  if (value && !currency_minor_units(*value)) {
    fail(Status::invalid_argument, "expected an ISO 4217 currency code such as PLN", path(key));
  }
  return value;
}

std::optional<std::string> Fields::email(std::string_view key) {
  auto value = text(key, 254);
  if (!value || value->empty()) return value;
  const auto at = value->find('@');
  if (at == std::string::npos || at == 0 || at + 1 == value->size() ||
      value->find_first_of(" \t\r\n<>,;\"") != std::string::npos) {
    fail(Status::invalid_argument, "expected an e-mail address", path(key));
  }
  return value;
}

const json::array *Fields::array(std::string_view key, std::size_t max_items) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_array()) fail(Status::invalid_argument, "expected an array", path(key));
  if (v->get_array().size() > max_items) {
    fail(Status::invalid_argument, "at most " + std::to_string(max_items) + " entries",
         path(key));
  }
  return &v->get_array();
}

const json::object *Fields::object(std::string_view key) {
  const auto *v = raw(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) fail(Status::invalid_argument, "expected an object", path(key));
  return &v->get_object();
}

json::object Fields::extra(std::string_view key) {
  const auto *found = object(key);
  if (!found) return {};
  if (json::serialize(*found).size() > kMaxExtraBytes) {
    fail(Status::invalid_argument, "at most " + std::to_string(kMaxExtraBytes) + " bytes",
         path(key));
  }
  return *found;
}

void Fields::bad_word(std::string_view key, const std::string &value,
                      std::span<const std::string_view> words) {
  fail(Status::invalid_argument, "'" + value + "' is not one of " + list_words(words), path(key));
}

void Fields::finish() {
  for (std::size_t i = 0; i < seen_.size(); ++i) {
    if (!seen_[i]) fail(Status::invalid_argument, "unknown field", path(object_->begin()[i].key()));
  }
}

std::vector<std::string> words_list(Fields &fields, std::string_view key, std::size_t max_items) {
  std::vector<std::string> out;
  if (const auto *list = fields.array(key, max_items)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto path = field_path(fields.path(key), i);
      if (!(*list)[i].is_string() || (*list)[i].get_string().empty()) {
        fail(Status::invalid_argument, "expected a non-empty string", path);
      }
      check_text((*list)[i].get_string(), 64, path);
      out.emplace_back((*list)[i].get_string());
    }
  }
  return out;
}

std::map<std::string, Decimal> amounts_by_currency(const json::value &value,
                                                   const std::string &path) {
  if (!value.is_object()) fail(Status::invalid_argument, "expected an object", path);
  std::map<std::string, Decimal> amounts;
  for (const auto &[code, amount] : value.get_object()) {
    const std::string at = field_path(path, std::string_view(code));
    if (!currency_minor_units(code) || code == "XXX") {
      fail(Status::invalid_argument, "expected an ISO 4217 currency code", at);
    }
    const auto parsed = amount.is_string() ? Decimal::parse(amount.get_string()) : std::nullopt;
    if (!parsed || parsed->negative()) {
      fail(Status::invalid_argument, "expected a decimal amount like \"500.00\"", at);
    }
    amounts[std::string(code)] = *parsed;
  }
  return amounts;
}

}  // namespace reclaim::codec
