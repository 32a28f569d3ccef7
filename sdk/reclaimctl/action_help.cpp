#include "action_help.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>
#include <vector>

#include "schemas.hpp"

namespace reclaimctl {
namespace {

namespace json = boost::json;

constexpr const char *kActSchema = "case-act-request.schema.json";
// The members every action takes, with the options that set them.
constexpr const char *kCommon =
    "Every action also takes actor (--as ROLE[:ID]), expected_version (--expected-version N)\n"
    "and idempotency_key (--idempotency-key KEY).\n";

}  // namespace

std::string_view embedded_schema(std::string_view name) {
  for (const auto &file : kSchemas) {
    if (file.name == name) return file.data;
  }
  return {};
}

namespace {

const json::value &schema(const char *name) {
  static const json::value act = json::parse(embedded_schema(kActSchema));
  static const json::value common = json::parse(embedded_schema("common.schema.json"));
  return std::string_view(name) == kActSchema ? act : common;
}

// The schema a "$ref" names: "#/$defs/x" in the same file, or "common.schema.json#/$defs/x".
const json::value &resolve(const std::string &ref, const char *&file) {
  const auto hash = ref.find('#');
  const std::string name = ref.substr(0, hash);
  if (!name.empty()) file = name == kActSchema ? kActSchema : "common.schema.json";
  const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  boost::system::error_code ec;
  const json::value *found = schema(file).find_pointer(pointer, ec);
  if (found == nullptr) throw std::runtime_error("docs/api: unresolved $ref " + ref);
  return *found;
}

// A schema with its "$ref"s followed: the referenced members, overridden by the local ones.
json::object merged(const json::value &node, const char *&file) {
  json::object out;
  if (!node.is_object()) return out;
  const json::object &local = node.get_object();
  if (const auto *ref = local.if_contains("$ref")) {
    const char *base_file = file;
    out = merged(resolve(std::string(ref->get_string()), base_file), base_file);
  }
  for (const auto &[key, value] : local) {
    if (key != "$ref") out[key] = value;
  }
  return out;
}

std::string join(const std::vector<std::string> &parts, const char *separator) {
  std::string out;
  for (const auto &part : parts) {
    bool seen = false;
    for (std::size_t at = 0; at < out.size();) {  // no repeats: "string or null or null"
      const auto next = out.find(separator, at);
      if (out.substr(at, next - at) == part) seen = true;
      if (next == std::string::npos) break;
      at = next + std::string_view(separator).size();
    }
    if (seen) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string scalar(const json::value &v) {
  return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
}

// A short type for people: "non-empty string", "integer 1–5", "low|normal|high|urgent",
// "array of object {line, item, qty, condition}", "… or null".
std::string describe(const json::value &node, const char *file) {
  const json::object s = merged(node, file);
  if (const auto *values = s.if_contains("enum")) {
    std::vector<std::string> words;
    for (const auto &v : values->get_array()) words.push_back(scalar(v));
    return join(words, "|");
  }
  if (const auto *value = s.if_contains("const")) return scalar(*value);
  for (const char *alternatives : {"anyOf", "oneOf"}) {  // alternative types, not constraints
    if (const auto *list = s.if_contains(alternatives); list && !s.contains("type")) {
      std::vector<std::string> parts;
      for (const auto &alternative : list->get_array())
        parts.push_back(describe(alternative, file));
      return join(parts, " or ");
    }
  }
  std::vector<std::string> types;
  if (const auto *type = s.if_contains("type")) {
    if (type->is_string()) {
      types.emplace_back(type->get_string());
    } else {
      for (const auto &t : type->get_array()) types.emplace_back(t.get_string());
    }
  }
  std::vector<std::string> parts;
  for (const auto &type : types) {
    if (type == "array") {
      const auto *items = s.if_contains("items");
      parts.push_back("array of " + (items ? describe(*items, file) : std::string("values")));
    } else if (type == "object") {
      std::string text = "object";
      if (const auto *properties = s.if_contains("properties")) {
        std::vector<std::string> names;
        for (const auto &[name, value] : properties->get_object()) names.emplace_back(name);
        text += " {" + join(names, ", ") + "}";
      }
      parts.push_back(text);
    } else if (type == "integer") {
      const auto *min = s.if_contains("minimum");
      const auto *max = s.if_contains("maximum");
      parts.push_back(min && max ? "integer " + scalar(*min) + "–" + scalar(*max) : "integer");
    } else if (type == "string") {
      const auto *min = s.if_contains("minLength");
      parts.push_back(min && min->to_number<int>() > 0 ? "non-empty string" : "string");
    } else {
      parts.push_back(type);
    }
  }
  return parts.empty() ? "any" : join(parts, " or ");
}

std::string words_of(const json::value *list, const char *none) {
  if (list == nullptr || !list->is_array()) return none;
  std::vector<std::string> words;
  for (const auto &v : list->get_array()) words.push_back(scalar(v));
  return join(words, ", ");
}

// `text` wrapped at `width` columns, each line indented by `indent` spaces.
std::string wrap(const std::string &text, std::size_t indent, std::size_t width = 96) {
  std::string out, line;
  std::size_t at = 0;
  while (at < text.size()) {
    auto space = text.find(' ', at);
    if (space == std::string::npos) space = text.size();
    const std::string word = text.substr(at, space - at);
    at = space + 1;
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += std::string(indent, ' ') + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += std::string(indent, ' ') + line + "\n";
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text + " ";
}

const json::array &actions() { return schema(kActSchema).at("oneOf").get_array(); }

}  // namespace

void print_actions(std::ostream &out) {
  out << "\nActions (reclaimctl help case act ACTION lists an action's fields):\n";
  for (const auto &entry : actions()) {
    const auto &action = entry.get_object();
    const std::string name(action.at("title").get_string());
    const std::string text = std::string(action.at("description").get_string()) + " (" +
                             words_of(action.if_contains("x-roles"), "anyone") + ")";
    const std::string wrapped = wrap(text, 20);
    out << "  " << pad(name, 17) << wrapped.substr(20);
  }
  out << "\nThe fields and this table come from docs/api/case-act-request.schema.json.\n";
}

bool print_action(std::ostream &out, const std::string &name) {
  const json::object *found = nullptr;
  for (const auto &entry : actions()) {
    if (entry.at("title") == name.c_str()) found = &entry.get_object();
  }
  if (found == nullptr) return false;
  const json::object &action = *found;
  out << "usage: reclaimctl case act [OPTIONS] REF " << name << "\n\n"
      << wrap(std::string(action.at("description").get_string()), 0) << "\n";
  const auto *to = action.if_contains("x-to");
  const auto labelled = [](const char *label, const std::string &text) {
    return std::string(label) + wrap(text, 11).substr(11);
  };
  out << labelled("Who may:   ", words_of(action.if_contains("x-roles"), "anyone"))
      << labelled("From:      ", words_of(action.if_contains("x-from"), "any state"))
      << labelled("Leads to:  ",
                  to && to->is_string() ? std::string(to->get_string()) : "the same state")
      << "\n";
  std::vector<std::string> required;
  if (const auto *list = action.if_contains("required")) {
    for (const auto &v : list->get_array()) required.emplace_back(v.get_string());
  }
  std::string fields;
  for (const auto &[key, value] : action.at("properties").get_object()) {
    if (key == "action" || key == "actor" || key == "expected_version" ||
        key == "idempotency_key") {
      continue;
    }
    const std::string field(key);
    bool needed = false;
    for (const auto &r : required) needed = needed || r == field;
    fields +=
        "  " + pad(field, 17) + pad(needed ? "yes" : "no", 9) + describe(value, kActSchema) + "\n";
    // The field's own description, not that of a shared definition it refers to.
    if (const auto *text =
            value.is_object() ? value.get_object().if_contains("description") : nullptr) {
      fields += wrap(std::string(text->get_string()), 6);
    }
  }
  if (fields.empty()) {
    out << "Fields: none of its own.\n";
  } else {
    out << "Fields (--set NAME=TEXT for text, --set-json NAME=JSON for any value, or --body "
           "FILE):\n"
        << "  " << pad("NAME", 17) << pad("REQUIRED", 9) << "TYPE\n"
        << fields;
  }
  out << "\n" << kCommon << "From docs/api/case-act-request.schema.json.\n";
  return true;
}

}  // namespace reclaimctl
