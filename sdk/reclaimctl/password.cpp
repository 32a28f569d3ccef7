#include "password.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli.hpp"

namespace reclaimctl {

namespace {

// One line from the terminal with its echo turned off (and back on, whatever happens).
std::string ask_without_echo(const std::string &prompt) {
  termios before{};
  const bool terminal = tcgetattr(STDIN_FILENO, &before) == 0;
  if (terminal) {
    termios quiet = before;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::cerr << prompt << std::flush;
  std::string line;
  const bool read = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &before);
  if (!read) throw ToolError("no password given");
  return line;
}

}  // namespace

std::string read_new_password(const std::string &login) {
  if (isatty(STDIN_FILENO)) {
    std::string first = ask_without_echo("New password for " + login + ": ");
    std::string again = ask_without_echo("The same password again: ");
    const bool same = first == again;
    forget(again);
    if (!same) {
      forget(first);
      throw ToolError("the two passwords differ; nothing was changed");
    }
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) throw ToolError("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void forget(std::string &secret) {
  volatile char *bytes = secret.data();
  for (std::size_t i = 0; i < secret.size(); ++i) bytes[i] = 0;
  secret.clear();
}

}  // namespace reclaimctl
