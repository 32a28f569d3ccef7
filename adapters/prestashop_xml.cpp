// PrestaShop's webservice XML → the JSON its output_format=JSON gives, so one mapping reads both.
// An element holding only text (CDATA or not) becomes a string; one with children an object; a
// list element (nodeType="…" as PrestaShop marks associations, or repeated children) an array.
// Attributes other than nodeType are dropped (xlink:href and the like). Read with expat: no DTD,
// no external entities, bounded depth.
#include <expat.h>

#include <boost/json.hpp>
#include <memory>
#include <vector>

#include "adapters/hosts.hpp"
#include "core/error.hpp"

namespace reclaim::adapters {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 32;

struct Element {
  std::string name;
  bool list = false;
  std::string text;
  std::vector<std::pair<std::string, json::value>> children;
};

struct Builder {
  XML_Parser parser = nullptr;
  std::vector<Element> stack;
  json::value result;
  std::string fault;

  void stop(std::string why) {
    if (fault.empty()) fault = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

json::value finish(Element &element) {
  if (element.children.empty() && !element.list) return json::value(element.text);
  bool repeated = element.list;
  for (std::size_t i = 1; i < element.children.size() && !repeated; ++i) {
    repeated = element.children[i].first == element.children[0].first;
  }
  if (repeated) {
    json::array out;
    for (auto &[name, value] : element.children) out.push_back(std::move(value));
    return out;
  }
  json::object out;
  for (auto &[name, value] : element.children) out[name] = std::move(value);
  return out;
}

void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attributes) {
  auto &b = *static_cast<Builder *>(data);
  if (static_cast<int>(b.stack.size()) >= kMaxDepth) return b.stop("nested too deep");
  Element element;
  element.name = name;
  for (int i = 0; attributes[i]; i += 2) {
    if (std::string_view(attributes[i]) == "nodeType") element.list = true;
  }
  b.stack.push_back(std::move(element));
}

void XMLCALL on_end(void *data, const XML_Char *) {
  auto &b = *static_cast<Builder *>(data);
  Element element = std::move(b.stack.back());
  b.stack.pop_back();
  json::value value = finish(element);
  if (b.stack.empty()) {
    b.result = json::object{{element.name, std::move(value)}};
  } else {
    b.stack.back().children.emplace_back(element.name, std::move(value));
  }
}

void XMLCALL on_text(void *data, const XML_Char *text, int length) {
  auto &b = *static_cast<Builder *>(data);
  if (!b.stack.empty()) b.stack.back().text.append(text, static_cast<std::size_t>(length));
}

void XMLCALL on_doctype(void *data, const XML_Char *, const XML_Char *, const XML_Char *, int) {
  static_cast<Builder *>(data)->stop("a DOCTYPE is not accepted");
}

void XMLCALL on_entity(void *data, const XML_Char *, int, const XML_Char *, int, const XML_Char *,
                       const XML_Char *, const XML_Char *, const XML_Char *) {
  static_cast<Builder *>(data)->stop("entity declarations are not accepted");
}

}  // namespace

json::value prestashop_xml_to_json(std::string_view xml) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  Builder builder;
  builder.parser = parser.get();
  XML_SetUserData(parser.get(), &builder);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  XML_SetEntityDeclHandler(parser.get(), on_entity);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  if (xml.size() > static_cast<std::size_t>(INT32_MAX)) fail(Status::invalid_argument, "too large");
  const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (!builder.fault.empty()) {
    fail(Status::invalid_argument, "XML refused: " + builder.fault, "host_order_json");
  }
  if (status != XML_STATUS_OK) {
    fail(Status::invalid_argument,
         std::string("malformed XML at line ") +
             std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
             XML_ErrorString(XML_GetErrorCode(parser.get())),
         "host_order_json");
  }
  return builder.result;
}

}  // namespace reclaim::adapters
