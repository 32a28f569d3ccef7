// The documents of a case (CONTRACT §7): the case as it stands, read in one transaction, composed
// and typeset by the documents layer.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "core/error.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "documents/compose.hpp"
#include "documents/pdf.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

// The latest history entry of one of `actions`, as the event a document follows.
Event latest_of(const std::vector<HistoryEntry> &history,
                std::initializer_list<std::string_view> actions) {
  Event event;
  for (const auto &entry : history) {
    if (std::find(actions.begin(), actions.end(), entry.action) == actions.end()) continue;
    event.at = entry.at;
    event.data = entry.data;
  }
  return event;
}

}  // namespace

DocumentFile Engine::document(const DocumentRequest &request) {
  if (!request.locale.empty() &&
      std::find(std::begin(kLocales), std::end(kLocales), request.locale) == std::end(kLocales)) {
    fail(Status::invalid_argument, "documents are written in pl, en and ru", "locale");
  }
  Case subject;
  std::vector<HistoryEntry> history;
  std::shared_ptr<const Policy> policy;  // the one the case was opened under (its appeal days)
  store_->read([&](Tx &tx) {
    subject = find_case(tx, request.case_ref);
    history = tx.history(subject.id);
    policy = policy_at(tx, subject.shop, subject.created_at);
  });
  const Shop &where = shop(subject.shop);
  std::string locale = request.locale;
  if (locale.empty()) locale = subject.customer.locale;
  if (std::find(std::begin(kLocales), std::end(kLocales), locale) == std::end(kLocales)) {
    locale = where.config.locale;
  }
  const Event event = request.type == DocumentType::decision_letter
                          ? latest_of(history, {"accept", "reject"})
                          : latest_of(history, {"authorize_return"});

  documents::ShopDetails details;
  details.name = where.config.name;
  details.address = where.config.address;
  details.return_address =
      where.config.return_address.empty() ? where.config.address : where.config.return_address;
  const NotifyConfig &notify = where.config.notify;
  details.contact = !notify.reply_to.empty() ? notify.reply_to
                    : !notify.from.empty()   ? notify.from
                                             : config_.mail.from;
  details.website = where.config.public_url;
  details.jurisdiction = ascii_lower(where.config.jurisdiction);

  const documents::DocumentScene scene{subject, request.type, locale, where.zone,
                                       details, event,        now(),  policy->appeal_days};
  DocumentFile file;
  file.filename = documents::document_filename(subject, request.type, locale);
  file.bytes = documents::render_pdf(documents::compose(scene));
  return file;
}

}  // namespace reclaim

namespace reclaim {

std::vector<DocumentFile> Engine::mail_documents(const OutboxMessage &mail) {
  const auto type = mail.channel == Channel::mail ? mail_document(mail.template_name) : std::nullopt;
  if (!type) return {};
  try {
    return {document({mail.case_id, *type, mail.locale})};
  } catch (const std::exception &failure) {
    log_->warn("mail {} for case {}: sent without its {}: {}", mail.id, mail.case_number,
               kDocumentTypes[static_cast<int>(*type)], failure.what());
    return {};
  }
}

}  // namespace reclaim
