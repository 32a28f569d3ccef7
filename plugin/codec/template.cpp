#include "codec/template.hpp"

#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace reclaim::codec {

namespace json = boost::json;

struct Template::Node {
  enum class Kind { text, value, raw, section, inverted };
  Kind kind = Kind::text;
  std::string text;               // literal text, or the name looked up
  std::vector<std::string> path;  // the name split at dots; empty for "."
  std::vector<Node> children;
};

namespace {

using Node = Template::Node;
using Stack = std::vector<const json::value *>;

// One rendering: a {{{slot}}} rendered as the text given, not looked up (Template::render with
// a slot), and what it may still spend. Sections nested over lists multiply: three levels over
// lists of a hundred are a million passes, and a shop's own mail templates are not ours to
// trust. The largest page of ours takes some ten thousand steps and a few hundred kilobytes.
struct Rendering {
  std::string_view slot, text;
  const std::string &name;
  std::size_t steps_left;
  std::size_t out_limit;  // the output's size at which to stop
};

std::vector<std::string> split_path(std::string_view name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = name.find('.', start);
    parts.emplace_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// Parses `source` from `pos` until the closing tag `until` (or the end when empty).
std::vector<Node> parse(const std::string &tname, std::string_view source, std::size_t &pos,
                        std::string_view until) {
  std::vector<Node> nodes;
  while (pos < source.size()) {
    const auto open = source.find("{{", pos);
    if (open == std::string_view::npos) {
      nodes.push_back({Node::Kind::text, std::string(source.substr(pos)), {}, {}});
      pos = source.size();
      break;
    }
    if (open > pos)
      nodes.push_back({Node::Kind::text, std::string(source.substr(pos, open - pos)), {}, {}});
    const bool triple = source.compare(open, 3, "{{{") == 0;
    const auto close = source.find(triple ? "}}}" : "}}", open);
    if (close == std::string_view::npos)
      fail(Status::internal, "template " + tname + ": unclosed tag");
    const std::size_t inner_start = open + (triple ? 3 : 2);
    std::string_view tag = trim(source.substr(inner_start, close - inner_start));
    pos = close + (triple ? 3 : 2);
    if (triple) {
      nodes.push_back({Node::Kind::raw, std::string(tag), split_path(tag), {}});
      continue;
    }
    if (tag.empty()) fail(Status::internal, "template " + tname + ": empty tag");
    const char sigil = tag.front();
    if (sigil == '/') {
      if (trim(tag.substr(1)) != until) {
        fail(Status::internal, "template " + tname + ": unexpected {{" + std::string(tag) + "}}");
      }
      return nodes;
    }
    if (sigil == '#' || sigil == '^') {
      const std::string name(trim(tag.substr(1)));
      Node section{
          sigil == '#' ? Node::Kind::section : Node::Kind::inverted, name, split_path(name), {}};
      section.children = parse(tname, source, pos, name);
      nodes.push_back(std::move(section));
      continue;
    }
    if (sigil == '!') continue;  // comment
    nodes.push_back({Node::Kind::value, std::string(tag), split_path(tag), {}});
  }
  if (!until.empty())
    fail(Status::internal, "template " + tname + ": {{#" + std::string(until) + "}} is not closed");
  return nodes;
}

const json::value *lookup(const Stack &stack, const std::vector<std::string> &path) {
  if (path.empty()) return stack.back();
  for (auto frame = stack.rbegin(); frame != stack.rend(); ++frame) {
    const auto *object = (*frame)->if_object();
    if (!object) continue;
    const json::value *value = object->if_contains(path.front());
    if (!value) continue;
    for (std::size_t i = 1; i < path.size() && value; ++i) {
      const auto *inner = value->if_object();
      value = inner ? inner->if_contains(path[i]) : nullptr;
    }
    return value;
  }
  return nullptr;
}

bool truthy(const json::value *value) {
  if (!value) return false;
  switch (value->kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return value->get_bool();
    case json::kind::string: return !value->get_string().empty();
    case json::kind::array: return !value->get_array().empty();
    case json::kind::int64: return value->get_int64() != 0;
    case json::kind::uint64: return value->get_uint64() != 0;
    case json::kind::double_: return value->get_double() != 0;
    case json::kind::object: return true;
  }
  return false;
}

void append_text(const json::value *value, bool escape, std::string &out) {
  if (!value || value->is_null()) return;
  if (const auto *s = value->if_string()) {
    if (escape) {
      append_escaped_html(out, *s);
    } else {
      out.append(s->data(), s->size());
    }
    return;
  }
  if (value->is_bool()) {
    out += value->get_bool() ? "true" : "false";
    return;
  }
  const std::string text = json::serialize(*value);
  if (escape) {
    append_escaped_html(out, text);
  } else {
    out += text;
  }
}

void render_nodes(const std::vector<Node> &nodes, Stack &stack, bool escape, Rendering &pass,
                  std::string &out) {
  for (const auto &node : nodes) {
    if (--pass.steps_left == 0 || out.size() > pass.out_limit) {
      fail(Status::internal, "template " + pass.name +
                                 ": rendering stopped, too long (sections nested over long lists?)");
    }
    switch (node.kind) {
      case Node::Kind::text: out += node.text; break;
      case Node::Kind::value: append_text(lookup(stack, node.path), escape, out); break;
      case Node::Kind::raw:
        if (!pass.slot.empty() && node.text == pass.slot) {
          out += pass.text;
        } else {
          append_text(lookup(stack, node.path), false, out);
        }
        break;
      case Node::Kind::inverted:
        if (!truthy(lookup(stack, node.path))) {
          render_nodes(node.children, stack, escape, pass, out);
        }
        break;
      case Node::Kind::section: {
        const json::value *value = lookup(stack, node.path);
        if (!truthy(value)) break;
        if (const auto *list = value->if_array()) {
          for (const auto &element : *list) {
            stack.push_back(&element);
            render_nodes(node.children, stack, escape, pass, out);
            stack.pop_back();
          }
        } else {
          stack.push_back(value);
          render_nodes(node.children, stack, escape, pass, out);
          stack.pop_back();
        }
        break;
      }
    }
  }
}

}  // namespace

Template::Template(std::string name, std::string_view source, Escape escape)
    : name_(std::move(name)), escape_(escape) {
  std::size_t pos = 0;
  nodes_ = parse(name_, source, pos, "");
}

Template::~Template() = default;
Template::Template(Template &&) noexcept = default;
Template &Template::operator=(Template &&) noexcept = default;

void Template::render(const json::value &context, std::string &out,
                      const json::value *outer) const {
  render(context, {}, {}, out, outer);
}

void Template::render(const json::value &context, std::string_view slot, std::string_view text,
                      std::string &out, const json::value *outer) const {
  Stack stack;
  if (outer) stack.push_back(outer);
  stack.push_back(&context);
  Rendering pass{slot, text, name_, kRenderSteps, out.size() + text.size() + kRenderLimit};
  render_nodes(nodes_, stack, escape_ == Escape::html, pass, out);
}

std::string Template::render(const json::value &context, const json::value *outer) const {
  std::string out;
  out.reserve(8192);
  render(context, out, outer);
  return out;
}

}  // namespace reclaim::codec
