#include "http/documents.hpp"

#include "core/error.hpp"
#include "core/vocabulary.hpp"
#include "engine/engine.hpp"
#include "http/site.hpp"

namespace reclaim::http {

namespace json = boost::json;

json::array document_links(const Call &call, const Case &subject, const std::string &case_url) {
  json::array links;
  const auto add = [&](DocumentType type) {
    const std::string word(kDocumentTypes[static_cast<int>(type)]);
    links.push_back(json::object{{"label", call.text("document_" + word)},
                                 {"href", case_url + "/documents/" + word + "?lang=" + call.lang}});
  };
  add(DocumentType::complaint_receipt);
  if (subject.state == State::waiting_for_goods) add(DocumentType::return_slip);
  if (subject.decided_at) add(DocumentType::decision_letter);
  return links;
}

std::optional<Response> document_response(Call &call, const std::string &case_id,
                                          std::string_view type) {
  const auto kind = parse_word<DocumentType>(type, kDocumentTypes);
  if (!kind) return std::nullopt;
  DocumentRequest request;
  request.case_ref = case_id;
  request.type = *kind;
  request.locale = call.lang;
  DocumentFile file;
  try {
    file = call.engine().document(request);
  } catch (const Error &error) {
    if (error.status() == Status::not_allowed) return std::nullopt;
    throw;
  }
  Response response;
  response.body = std::move(file.bytes);
  response.set("Content-Type", file.content_type);
  // The name is letters, digits, '-' and '_' (documents/compose.hpp): safe in quotes.
  response.set("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  // Made from the case as it is now; the link is the customer's secret or a staff session.
  response.set("Cache-Control", "private, no-store");
  return response;
}

}  // namespace reclaim::http
