// The one error type of the core: a stable status, a developer message and the field at fault.
#pragma once

#include <stdexcept>
#include <string>

namespace reclaim {

// Values match the RECLAIM_* status codes of the public header.
enum class Status : int {
  ok = 0,
  invalid_argument = 1,
  not_found = 2,
  conflict = 3,
  not_allowed = 4,
  storage = 5,
  busy = 6,
  unsupported = 7,
  internal = 8,
};

const char *status_name(Status status) noexcept;

class Error : public std::runtime_error {
 public:
  Error(Status status, std::string message, std::string field = {}, std::string rule = {})
      : std::runtime_error(std::move(message)),
        status_(status),
        field_(std::move(field)),
        rule_(std::move(rule)) {}

  Status status() const noexcept { return status_; }
  // JSON path of the input field at fault ("items[0].qty"), or empty.
  const std::string &field() const noexcept { return field_; }
  // Stable name of the business rule that refused the request ("quantity_exceeded"), or empty.
  const std::string &rule() const noexcept { return rule_; }

 private:
  Status status_;
  std::string field_;
  std::string rule_;
};

[[noreturn]] inline void fail(Status status, std::string message, std::string field = {},
                              std::string rule = {}) {
  throw Error(status, std::move(message), std::move(field), std::move(rule));
}

}  // namespace reclaim
