#include "codec/document_json.hpp"

#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/vocabulary.hpp"

namespace reclaim::codec {

namespace json = boost::json;

DocumentRequest document_request_from_json(const json::value &document,
                                           const std::string &case_ref) {
  Fields fields(document, "");
  DocumentRequest request;
  request.case_ref = case_ref;
  const auto type = fields.word("type", kDocumentTypes);
  if (!type) fail(Status::invalid_argument, "required: " + list_words(kDocumentTypes), "type");
  request.type = *parse_word<DocumentType>(*type, kDocumentTypes);
  request.locale = fields.word("locale", kLocales).value_or("");
  fields.finish();
  return request;
}

json::object to_json(const DocumentFile &file) {
  return {{"filename", file.filename},
          {"content_type", file.content_type},
          {"data_base64", base64_encode(file.bytes)}};
}

}  // namespace reclaim::codec
