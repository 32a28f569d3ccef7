#include "core/time.hpp"

#include <chrono>
#include <cstdint>

namespace reclaim {

namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int &out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// `value` zero-padded to `width` digits (more when it needs them), a '-' first when negative.
void append_padded(std::string &out, std::int64_t value, int width) {
  if (value < 0) out += '-';
  auto magnitude = static_cast<std::uint64_t>(value);
  if (value < 0) magnitude = 0 - magnitude;
  char reversed[20];
  int count = 0;
  do {
    reversed[count++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude > 0);
  for (int i = count; i < width; ++i) out += '0';
  while (count > 0) out += reversed[--count];
}

}  // namespace

std::optional<UnixMs> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 20 || !digits(text, 0, 4, y) || text[4] != '-' || !digits(text, 5, 2, mo) ||
      text[7] != '-' || !digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  const char sep = text[10];
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  if (!digits(text, 11, 2, h) || text[13] != ':' || !digits(text, 14, 2, mi) ||
      text[16] != ':' || !digits(text, 17, 2, s)) {
    return std::nullopt;
  }
  // A leap second (:60) is accepted and folded into the next second, as RFC 3339 allows.
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                            day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1) return std::nullopt;

  std::size_t pos = 19;
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t count = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (count < 3) millis = millis * 10 + (text[pos] - '0');
      ++pos;
      ++count;
    }
    if (count == 0 || count > 9) return std::nullopt;
    for (; count < 3; ++count) millis *= 10;
  }
  int offset_minutes = 0;
  if (pos + 1 == text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, pos + 1, 2, oh) || text[pos + 3] != ':' || !digits(text, pos + 4, 2, om) ||
        oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }

  const auto days_since_epoch = sys_days{date}.time_since_epoch().count();
  const std::int64_t seconds = std::int64_t{days_since_epoch} * 86'400 + h * 3'600 + mi * 60 + s -
                               std::int64_t{offset_minutes} * 60;
  const UnixMs at = seconds * 1000 + millis;
  if (at < kMinTime || at > kMaxTime) return std::nullopt;
  return at;
}

// Written digit by digit: snprintf's parsing of its format was most of this function's cost,
// and a case's document carries a dozen instants.
std::string format_rfc3339(UnixMs at) {
  using namespace std::chrono;
  const sys_time<milliseconds> tp{milliseconds{at}};
  const auto day_start = floor<days>(tp);
  const year_month_day date{day_start};
  const hh_mm_ss<milliseconds> time{tp - day_start};
  std::string text;
  text.reserve(24);
  append_padded(text, int{date.year()}, 4);
  text += '-';
  append_padded(text, unsigned{date.month()}, 2);
  text += '-';
  append_padded(text, unsigned{date.day()}, 2);
  text += 'T';
  append_padded(text, time.hours().count(), 2);
  text += ':';
  append_padded(text, time.minutes().count(), 2);
  text += ':';
  append_padded(text, time.seconds().count(), 2);
  if (const auto millis = time.subseconds().count(); millis != 0) {
    text += '.';
    append_padded(text, millis, 3);
  }
  text += 'Z';
  return text;
}

}  // namespace reclaim
