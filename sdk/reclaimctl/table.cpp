#include "table.hpp"

#include <algorithm>

namespace reclaimctl {
namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// One line, at most `width` characters; newlines and tabs become spaces.
std::string fit(const std::string &cell, size_t width) {
  std::string s = cell;
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  if (display_width(s) <= width) return s;
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if (!continuation(s[i]) && ++chars == width) break;  // room for the ellipsis
  }
  return s.substr(0, i) + "…";
}

}  // namespace

size_t display_width(const std::string &s) {
  return size_t(std::count_if(s.begin(), s.end(), [](char c) { return !continuation(c); }));
}

void Table::print(std::ostream &out, size_t max_width) const {
  std::vector<std::vector<std::string>> lines;
  lines.push_back(headings_);
  for (const auto &row : rows_) {
    std::vector<std::string> cells;
    for (size_t i = 0; i < headings_.size(); ++i)
      cells.push_back(fit(i < row.size() ? row[i] : "", max_width));
    lines.push_back(std::move(cells));
  }
  std::vector<size_t> widths(headings_.size(), 0);
  for (const auto &line : lines)
    for (size_t i = 0; i < line.size(); ++i)
      widths[i] = std::max(widths[i], display_width(line[i]));
  for (const auto &line : lines) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text.append(widths[i] - display_width(line[i]) + 2, ' ');
    }
    out << text << '\n';
  }
}

}  // namespace reclaimctl
