// The documents a shop prints or sends for a case (CONTRACT §7): what is asked for and what comes
// back. Rendering them is the documents layer's (plugin/documents); these are plain values.
#pragma once

#include <string>
#include <string_view>

namespace reclaim {

enum class DocumentType { complaint_receipt, decision_letter, return_slip };
inline constexpr std::string_view kDocumentTypes[] = {"complaint_receipt", "decision_letter",
                                                      "return_slip"};

struct DocumentRequest {
  std::string case_ref;
  DocumentType type = DocumentType::complaint_receipt;
  std::string locale;  // pl, en or ru; empty: the customer's language, else the shop's
};

struct DocumentFile {
  std::string filename;  // "RC-2026-000001-decision_letter-pl.pdf": ASCII, no path
  std::string content_type = "application/pdf";
  std::string bytes;
};

}  // namespace reclaim
