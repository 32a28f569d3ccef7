// Host documents from tests/fixtures/hosts (see SOURCES.md there).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace reclaim::test {

inline std::string fixture(const std::string &relative) {
  std::ifstream in(std::string(RECLAIM_FIXTURES) + "/hosts/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace reclaim::test
