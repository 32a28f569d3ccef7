// Templates of pages and mails: a small logic-less language over JSON values, escaped by default.
//   {{a.b}}        the value, HTML-escaped          {{{a.b}}}  the value as is (trusted HTML)
//   {{#a}}…{{/a}}  for each element / if truthy     {{^a}}…{{/a}} if missing, false or empty
//   {{.}}          the current element
// Names are looked up in the innermost section first, then outwards.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codec/html_text.hpp"

namespace reclaim::codec {

// What {{a}} does to a value: HTML-escape it (pages, the HTML part of mails), or insert it as
// is (the plain-text part of mails, whose values are checked text, never markup).
enum class Escape { html, none };

class Template {
 public:
  // A rendering stops with Error(internal) past kRenderLimit bytes of its own output (a slot's
  // text not counted) or kRenderSteps nodes visited.
  static constexpr std::size_t kRenderLimit = 32u << 20;
  static constexpr std::size_t kRenderSteps = 1'000'000;

  // Throws Error(internal) naming the template on a syntax error.
  Template(std::string name, std::string_view source, Escape escape = Escape::html);
  ~Template();
  Template(Template &&) noexcept;
  Template &operator=(Template &&) noexcept;

  // `outer` (optional) is looked up after `context`: shared values such as the translations,
  // passed by reference rather than copied into every page's context.
  void render(const boost::json::value &context, std::string &out,
              const boost::json::value *outer = nullptr) const;
  std::string render(const boost::json::value &context,
                     const boost::json::value *outer = nullptr) const;
  // The same, with {{{`slot`}}} standing for `text` as is: a layout around a page already
  // rendered, which is then not copied into the layout's context.
  void render(const boost::json::value &context, std::string_view slot, std::string_view text,
              std::string &out, const boost::json::value *outer = nullptr) const;

  struct Node;

 private:
  std::string name_;
  std::vector<Node> nodes_;
  Escape escape_ = Escape::html;
};

}  // namespace reclaim::codec
