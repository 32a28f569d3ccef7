#include "adapters/host_value.hpp"

#include <date/tz.h>

#include <charconv>
#include <cmath>

#include "codec/reader.hpp"
#include "core/currency.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

void Node::fail_here(const std::string &message) const {
  fail(Status::invalid_argument, message, path_);
}

Node Node::operator[](std::string_view key) const {
  const std::string path = codec::field_path(path_, key);
  if (!present()) return Node(nullptr, path);
  if (!value_->is_object()) fail_here("expected an object");
  return Node(value_->get_object().if_contains(key), path);
}

Node Node::operator[](std::size_t index) const {
  const std::string path = codec::field_path(path_, index);
  if (!present()) return Node(nullptr, path);
  if (!value_->is_array()) fail_here("expected an array");
  const auto &array = value_->get_array();
  return Node(index < array.size() ? &array[index] : nullptr, path);
}

std::size_t Node::size() const {
  if (!present()) return 0;
  if (!value_->is_array()) fail_here("expected an array");
  return value_->get_array().size();
}

std::optional<std::string> Node::optional_text(std::size_t max_bytes) const {
  if (!present()) return std::nullopt;
  if (!value_->is_string()) fail_here("expected a string");
  std::string out(value_->get_string());
  codec::check_text(out, max_bytes, path_);
  return out;
}

std::string Node::text(std::size_t max_bytes) const {
  auto out = optional_text(max_bytes);
  if (!out) fail_here("required");
  return *out;
}

std::string Node::email() const {
  const std::string value = optional_text(254).value_or("");
  if (value.empty()) return value;
  const auto at = value.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == value.size() ||
      value.find_first_of(" \t\r\n<>,;\"") != std::string::npos) {
    fail_here("expected an e-mail address");
  }
  return value;
}

void check_line_count(const Node &lines, std::string_view noun, bool may_be_empty) {
  const std::string plural = std::string(noun) + "s";
  if (!may_be_empty && lines.size() == 0) {
    lines.fail_here("an order needs at least one " + std::string(noun));
  }
  if (lines.size() > 1000) lines.fail_here("at most 1000 " + plural);
}

void LineIds::add(const std::string &id, const Node &where, std::string_view noun) {
  if (!seen_.insert(id).second) where.fail_here(std::string(noun) + " id appears twice");
}

std::string full_name(const Node &first, const Node &last) {
  std::string name = first.optional_text().value_or("");
  const std::string family = last.optional_text().value_or("");
  if (!family.empty()) name += (name.empty() ? "" : " ") + family;
  if (name.size() > 500) last.fail_here("the full name is longer than 500 bytes");
  return name;
}

std::optional<std::string> Node::optional_id() const {
  if (!present()) return std::nullopt;
  std::string out;
  if (value_->is_int64()) {
    out = std::to_string(value_->get_int64());
  } else if (value_->is_uint64()) {
    out = std::to_string(value_->get_uint64());
  } else if (value_->is_string()) {
    out = std::string(value_->get_string());
  } else {
    fail_here("expected a string or an integer id");
  }
  if (out.empty()) fail_here("must not be empty");
  codec::check_text(out, codec::kMaxIdBytes, path_);
  return out;
}

std::string Node::id() const {
  auto out = optional_id();
  if (!out) fail_here("required");
  return *out;
}

std::optional<std::int64_t> Node::optional_integer(std::int64_t min, std::int64_t max,
                                                   bool allow_text) const {
  if (!present()) return std::nullopt;
  std::int64_t out = 0;
  const auto range = [&] {
    fail_here("must be between " + std::to_string(min) + " and " + std::to_string(max));
  };
  if (value_->is_int64()) {
    out = value_->get_int64();
  } else if (value_->is_uint64()) {
    range();
  } else if (value_->is_double()) {
    const double d = value_->get_double();
    if (!std::isfinite(d) || d != std::floor(d)) fail_here("expected a whole number");
    if (d < static_cast<double>(min) || d > static_cast<double>(max)) range();
    out = static_cast<std::int64_t>(d);
  } else if (value_->is_string() && allow_text) {
    const auto text = value_->get_string();
    auto parsed = Decimal::parse(std::string_view(text.data(), text.size()));
    if (!parsed || parsed->units() % Decimal::kOne != 0) fail_here("expected a whole number");
    out = parsed->units() / Decimal::kOne;
  } else {
    fail_here("expected a whole number");
  }
  if (out < min || out > max) range();
  return out;
}

std::int64_t Node::integer(std::int64_t min, std::int64_t max, bool allow_text) const {
  auto out = optional_integer(min, max, allow_text);
  if (!out) fail_here("required");
  return *out;
}

std::optional<bool> Node::optional_boolean() const {
  if (!present()) return std::nullopt;
  if (value_->is_bool()) return value_->get_bool();
  // PrestaShop and some exports write flags as "0"/"1".
  if (value_->is_string() && (value_->get_string() == "0" || value_->get_string() == "1")) {
    return value_->get_string() == "1";
  }
  if (value_->is_int64() && (value_->get_int64() == 0 || value_->get_int64() == 1)) {
    return value_->get_int64() == 1;
  }
  fail_here("expected true or false");
}

bool Node::boolean() const {
  auto out = optional_boolean();
  if (!out) fail_here("required");
  return *out;
}

namespace {

// The shortest decimal text that reads back as `d`, without exponent.
std::string shortest(double d) {
  char buffer[400];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

// Rounds decimal text to `places` decimals (half away from zero) and returns it as Decimal,
// or nullopt when the integer part is too long.
std::optional<Decimal> rounded_text(const std::string &text, int places) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return Decimal::parse(text);
  std::string kept = text.substr(0, dot + 1 + static_cast<std::size_t>(places));
  if (places == 0) kept.pop_back();
  auto value = Decimal::parse(kept);
  if (!value) return std::nullopt;
  const std::size_t next = dot + 1 + static_cast<std::size_t>(places);
  if (next < text.size() && text[next] >= '5') {
    std::int64_t step = 1;
    for (int i = places; i < Decimal::kScale; ++i) step *= 10;
    const auto delta = Decimal::from_units(value->negative() ? -step : step);
    value = *value + delta;
  }
  return value;
}

}  // namespace

std::optional<Decimal> Node::optional_money(int minor, bool allow_negative) const {
  if (!present()) return std::nullopt;
  std::optional<Decimal> out;
  if (value_->is_string()) {
    const auto text = value_->get_string();
    out = Decimal::parse(std::string_view(text.data(), text.size()));
    if (!out) {
      fail_here(
          "expected a decimal amount such as \"199.99\" (at most 12 digits before the point "
          "and 6 after)");
    }
  } else if (value_->is_int64()) {
    const auto v = value_->get_int64();
    if (v > Decimal::kMaxUnits / Decimal::kOne || v < -Decimal::kMaxUnits / Decimal::kOne) {
      fail_here("amount out of range");
    }
    out = Decimal::from_units(v * Decimal::kOne);
  } else if (value_->is_uint64()) {
    fail_here("amount out of range");
  } else if (value_->is_double()) {
    const double d = value_->get_double();
    if (!std::isfinite(d) || std::fabs(d) >= 1e12) fail_here("amount out of range");
    const std::string text = shortest(d);
    const auto dot = text.find('.');
    const int places = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
    if (places <= minor) {
      out = Decimal::parse(text);
    } else {
      auto snapped = rounded_text(text, minor);
      const double back = snapped ? std::strtod(snapped->to_string().c_str(), nullptr) : 0;
      // Binary artefacts sit within a few units in the last place of the intended value.
      const double ulp = std::nextafter(std::fabs(d), HUGE_VAL) - std::fabs(d);
      if (snapped && std::fabs(back - d) <= 8 * ulp) {
        out = snapped;
      } else if (places <= Decimal::kScale) {
        out = Decimal::parse(text);
      }
    }
    if (!out) {
      fail_here("the number " + text + " cannot be represented exactly as money (at most " +
                std::to_string(Decimal::kScale) + " decimals)");
    }
  } else {
    fail_here("expected an amount (a decimal string or a number)");
  }
  if (out->negative() && !allow_negative) fail_here("must not be negative");
  return out;
}

Decimal Node::money(int minor, bool allow_negative) const {
  auto out = optional_money(minor, allow_negative);
  if (!out) fail_here("required");
  return *out;
}

std::optional<UnixMs> Node::rfc3339() const {
  auto text = optional_text(64);
  if (!text || text->empty()) return std::nullopt;
  auto at = parse_rfc3339(*text);
  if (!at) fail_here("expected a time with a zone such as 2026-11-02T10:00:00+01:00");
  return at;
}

namespace {

bool zero_date(std::string_view text) { return text.starts_with("0000-00-00"); }

// "YYYY-MM-DD hh:mm:ss" / "YYYY-MM-DDThh:mm:ss" (optionally with a fraction) → RFC 3339 in UTC.
std::optional<std::string> as_utc_text(std::string_view text) {
  if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T')) return std::nullopt;
  for (std::size_t i = 19; i < text.size(); ++i) {
    if (!(i == 19 && text[i] == '.') && !(i > 19 && text[i] >= '0' && text[i] <= '9')) {
      return std::nullopt;
    }
  }
  std::string out(text);
  out[10] = 'T';
  out += 'Z';
  return out;
}

}  // namespace

std::optional<UnixMs> Node::utc_without_zone() const {
  auto text = optional_text(64);
  if (!text || text->empty() || zero_date(*text)) return std::nullopt;
  auto utc = as_utc_text(*text);
  auto at = utc ? parse_rfc3339(*utc) : std::nullopt;
  if (!at) fail_here("expected a date and time such as 2026-11-02 10:00:00");
  return at;
}

std::optional<UnixMs> local_to_utc(std::string_view text, const std::string &zone) {
  auto utc = as_utc_text(text);
  auto wall = utc ? parse_rfc3339(*utc) : std::nullopt;
  if (!wall) return std::nullopt;
  using namespace std::chrono;
  const auto *tz = date::locate_zone(zone);
  const date::local_time<milliseconds> local{milliseconds{*wall}};
  const auto info = tz->get_info(local);
  // info.first: the offset before a gap, the earlier of two in a fold, else the only one.
  const sys_time<milliseconds> sys{local.time_since_epoch() - info.first.offset};
  return sys.time_since_epoch().count();
}

int minor_units(const std::string &currency, const std::string &field) {
  auto minor = currency_minor_units(currency);
  if (!minor) {
    fail(Status::invalid_argument, "'" + currency + "' is not an ISO 4217 currency code", field);
  }
  return *minor;
}

}  // namespace reclaim::adapters
