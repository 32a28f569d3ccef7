// The HTML report parsed as XML (expat): a small tree to assert on, or the parser's error.
#pragma once

#include <expat.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace reclaim::test {

struct Node {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // the character data directly inside, entities resolved
  std::vector<std::unique_ptr<Node>> children;  // elements, and "#text" nodes between them
  Node *parent = nullptr;

  // Every text inside, in document order.
  std::string all_text() const {
    if (name == "#text") return text;
    std::string out;
    for (const auto &child : children) out += child->all_text();
    return out;
  }
  template <typename F>
  void each(F &&visit) const {
    visit(*this);
    for (const auto &child : children) child->each(visit);
  }
  std::vector<const Node *> find(const std::string &element) const {
    std::vector<const Node *> out;
    each([&](const Node &node) {
      if (node.name == element) out.push_back(&node);
    });
    return out;
  }
};

struct Parsed {
  std::unique_ptr<Node> root;  // a document node; its one child is the fragment's element
  std::string error;           // empty when well formed
};

inline Parsed parse_markup(const std::string &markup) {
  Parsed parsed;
  parsed.root = std::make_unique<Node>();
  Node *current = parsed.root.get();
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"),
                                                                      &XML_ParserFree);
  XML_SetUserData(parser.get(), &current);
  XML_SetElementHandler(
      parser.get(),
      [](void *data, const XML_Char *name, const XML_Char **attributes) {
        auto **at = static_cast<Node **>(data);
        auto node = std::make_unique<Node>();
        node->name = name;
        for (int i = 0; attributes[i]; i += 2) node->attributes[attributes[i]] = attributes[i + 1];
        node->parent = *at;
        (*at)->children.push_back(std::move(node));
        *at = (*at)->children.back().get();
      },
      [](void *data, const XML_Char *) {
        auto **at = static_cast<Node **>(data);
        *at = (*at)->parent;
      });
  XML_SetCharacterDataHandler(parser.get(), [](void *data, const XML_Char *text, int length) {
    Node *at = *static_cast<Node **>(data);
    at->text.append(text, static_cast<std::size_t>(length));
    if (at->children.empty() || at->children.back()->name != "#text") {
      auto node = std::make_unique<Node>();
      node->name = "#text";
      node->parent = at;
      at->children.push_back(std::move(node));
    }
    at->children.back()->text.append(text, static_cast<std::size_t>(length));
  });
  if (XML_Parse(parser.get(), markup.data(), static_cast<int>(markup.size()), XML_TRUE) ==
      XML_STATUS_ERROR) {
    parsed.error = std::string(XML_ErrorString(XML_GetErrorCode(parser.get()))) + " at line " +
                   std::to_string(XML_GetCurrentLineNumber(parser.get())) + " column " +
                   std::to_string(XML_GetCurrentColumnNumber(parser.get()));
  }
  return parsed;
}

}  // namespace reclaim::test
