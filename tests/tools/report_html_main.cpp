// Renders a reclaim_report JSON result as the HTML fragment, for looking at it in a browser.
// Usage: reclaim_report_html LOCALE [FILE|-]   (the document from FILE, or stdin)
#include <boost/json/parse.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "codec/report_html.hpp"

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: reclaim_report_html LOCALE [FILE|-]\n";
    return 2;
  }
  const std::string path = argc == 3 ? argv[2] : "-";
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::cerr << "cannot read " << path << "\n";
      return 1;
    }
    text.assign(std::istreambuf_iterator<char>(file), {});
  }
  boost::system::error_code error;
  const auto document = boost::json::parse(text, error);
  if (error || !document.is_object()) {
    std::cerr << "not a JSON object: " << (error ? error.message() : "wrong type") << "\n";
    return 1;
  }
  std::cout << reclaim::report_to_html(document.get_object(), argv[1]);
  return 0;
}
