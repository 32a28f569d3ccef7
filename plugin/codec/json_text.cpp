#include "codec/json_text.hpp"

#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace reclaim::codec {

namespace {

void write(const boost::json::value &value, std::string &out) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto &member : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(member.key()));
        out += ':';
        write(member.value(), out);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto &element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        write(element, out);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      const double number = value.get_double();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      char text[64];
      const auto written = std::to_chars(text, text + sizeof text, number);
      const std::string_view digits(text, static_cast<std::size_t>(written.ptr - text));
      out += digits;
      if (digits.find_first_of(".eE") == std::string_view::npos) out += ".0";
      return;
    }
    default: out += boost::json::serialize(value); return;
  }
}

}  // namespace

std::string to_text(const boost::json::value &value) {
  std::string out;
  write(value, out);
  return out;
}

}  // namespace reclaim::codec
