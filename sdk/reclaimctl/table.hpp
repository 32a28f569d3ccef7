// table.hpp — plain-text tables for reclaimctl's human output (UTF-8 aware column widths).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace reclaimctl {

class Table {
 public:
  explicit Table(std::vector<std::string> headings) : headings_(std::move(headings)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Columns separated by two spaces; cells longer than `max_width` are cut with "…".
  void print(std::ostream &out, size_t max_width = 48) const;

 private:
  std::vector<std::string> headings_;
  std::vector<std::vector<std::string>> rows_;
};

// The number of characters (code points) in a UTF-8 string.
size_t display_width(const std::string &s);

}  // namespace reclaimctl
