// password.hpp — reading a new password for `reclaimctl staff add|passwd`: never from the command
// line (other users see it in the process list, the shell keeps it in its history).
#pragma once

#include <string>

namespace reclaimctl {

// On a terminal: asks twice on stderr with echo off, and ToolError when the two differ. Otherwise
// the first line of standard input (without its line end), for scripts:
//   printf '%s\n' "$PASSWORD" | reclaimctl staff add anna …
// ToolError when there is none.
std::string read_new_password(const std::string &login);

// Overwrites the text before it is freed, so that it lingers less in the process's memory.
void forget(std::string &secret);

}  // namespace reclaimctl
