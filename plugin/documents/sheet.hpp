// A document as the renderer sees it: a title, the sender's lines and blocks of text in order,
// every string already in the reader's language. Nothing here is markup: text is drawn as text,
// so a customer's "<b>" or an RTL name is printed, never interpreted.
#pragma once

#include <string>
#include <vector>

namespace reclaim::documents {

struct Block {
  enum class Kind {
    heading,    // a short bold line
    paragraph,  // wrapped text; "\n" starts a new line
    fields,     // label/value pairs in two columns (rows[i] = {label, value})
    table,      // rows[0] is the header; columns share the width by `widths`
    qr,         // `text` as a QR code, `caption` under it
  };
  Kind kind = Kind::paragraph;
  std::string text;
  std::string caption;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;  // table: each column's share of the width (sums to 1)
};

struct Sheet {
  std::string title;
  std::string language;             // "pl", "en", "ru": hyphenation and shaping hints
  std::vector<std::string> sender;  // the shop's details, top right
  std::vector<Block> blocks;
  std::string footer;      // every page: e.g. the case number and "page n of m"
  std::string page_label;  // "page", "strona", "стр." for the footer's count
};

}  // namespace reclaim::documents
