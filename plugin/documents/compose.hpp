// What each document says (CONTRACT §7): the complaint receipt, the decision letter and the
// return slip, composed from a case in Polish, English or Russian as a sheet (sheet.hpp) for the
// renderer. The wording is in templates/document_*.json; labels the mails already have (kinds,
// remedies, the meaning of the decision date) come from the codec's mail_*.json.
#pragma once

#include <string>
#include <vector>

#include "core/document.hpp"
#include "core/model.hpp"
#include "core/zone.hpp"
#include "documents/sheet.hpp"

namespace reclaim::documents {

// The seller as the shop's configuration describes it.
struct ShopDetails {
  std::string name;
  std::string address;  // postal address and registration details, lines split by "\n"
  std::string contact;  // an e-mail address
  std::string website;
  std::string return_address;         // empty: not known (the slip says it follows)
  std::string jurisdiction = "none";  // pl, eu, ru, none: which law the letter cites
};

struct DocumentScene {
  const Case &subject;
  DocumentType type = DocumentType::complaint_receipt;
  std::string locale;  // pl, en, ru
  const Zone &zone;
  ShopDetails shop;
  // The event the document follows: the decision's (its explanation) for a decision letter,
  // the return's authorisation (its instructions) for a slip; may be an empty event.
  const Event &event;
  UnixMs issued_at = 0;
  int appeal_days = 14;
};

// Throws Error(not_allowed, rule "not_decided") for a decision letter of an undecided case.
Sheet compose(const DocumentScene &scene);

// "RC-2026-000001-decision_letter-pl.pdf": letters, digits, '-' and '_' only.
std::string document_filename(const Case &subject, DocumentType type, const std::string &locale);

}  // namespace reclaim::documents
