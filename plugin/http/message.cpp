#include "http/message.hpp"

#include <strings.h>

namespace reclaim::http {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto &[key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return {};
}

void Response::set(std::string name, std::string value) {
  for (auto &[key, existing] : headers) {
    if (same_name(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

void Response::add(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Response::header(std::string_view name) const {
  for (const auto &[key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return {};
}

}  // namespace reclaim::http
