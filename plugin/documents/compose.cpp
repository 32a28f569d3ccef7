#include "documents/compose.hpp"

#include <boost/json/value.hpp>

#include "codec/mail_values.hpp"
#include "core/error.hpp"
#include "core/messages.hpp"
#include "core/vocabulary.hpp"
#include "documents/wording.hpp"

namespace reclaim::documents {

namespace json = boost::json;

namespace {

// Free text a customer or an agent wrote, cut to what a page can carry; the limits are far above
// what a real name or reason needs, so only hostile or broken input is cut.
constexpr std::size_t kNameBytes = 600;
constexpr std::size_t kTextBytes = 6000;

std::string cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Not inside a UTF-8 sequence.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

std::string string_of(const json::object &values, std::string_view key) {
  const auto *value = values.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

Block block_of(Block::Kind kind, std::string text = {}) {
  Block block;
  block.kind = kind;
  block.text = std::move(text);
  return block;
}

std::string label_of(const CaseItem &item) {
  return cut(item.name.empty() ? item.sku : item.name, kNameBytes);
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const auto line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(cut(line, kNameBytes));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

class Composer {
 public:
  explicit Composer(const DocumentScene &scene)
      : scene_(scene),
        words_(Wording::of(scene.locale)),
        values_(codec::mail_values(codec::MailScene{scene.subject, scene.event, scene.zone,
                                                    scene.locale, scene.shop.name, "", "",
                                                    scene.appeal_days})) {
    values_["issued_on"] = long_date_text(scene.zone.local_day(scene.issued_at), scene.locale);
    sheet_.language = scene.locale;
    sheet_.page_label = words_.say("page");
    sheet_.footer = say("footer");
    sheet_.sender.push_back(cut(scene.shop.name, kNameBytes));
    for (auto &line : lines_of(scene.shop.address)) sheet_.sender.push_back(std::move(line));
    if (!scene.shop.contact.empty()) sheet_.sender.push_back(scene.shop.contact);
    if (!scene.shop.website.empty()) sheet_.sender.push_back(scene.shop.website);
  }

  Sheet receipt() {
    title("title_receipt");
    case_fields(false);
    paragraph(say("receipt_intro"));
    heading("items");
    Block items = block_of(Block::Kind::table);
    items.widths = {0.34, 0.16, 0.1, 0.16, 0.24};
    items.rows.push_back(
        {say("col_item"), say("col_sku"), say("col_qty"), say("col_price"), say("col_reason")});
    for (const auto &item : subject().items) {
      std::string reason =
          words_.has("reason_" + item.reason) ? say("reason_" + item.reason) : item.reason;
      if (!item.note.empty())
        reason += (reason.empty() ? "" : ": ") + cut(item.note, kTextBytes / 4);
      if (!item.serial.empty())
        reason += (reason.empty() ? "" : "\n") + std::string("S/N ") + cut(item.serial, 100);
      items.rows.push_back(
          {label_of(item), cut(item.sku, 200), std::to_string(item.qty),
           item.unit_price ? local_money_text(*item.unit_price, scene_.locale) : "", reason});
    }
    sheet_.blocks.push_back(std::move(items));
    heading("asked");
    const auto &preferred = subject().preferred_resolution;
    paragraph(preferred.empty() ? say("asked_none") : say("resolution_" + preferred));
    if (!subject().description.empty()) {
      heading("description");
      paragraph(cut(subject().description, kTextBytes));
    }
    if (values_.contains("decision_due")) {
      heading("deadline");
      paragraph(say("meaning_" + string_of(values_, "meaning")));
    }
    paragraph(say("receipt_next"));
    return std::move(sheet_);
  }

  Sheet decision() {
    if (!subject().decided_at) {
      fail(Status::not_allowed,
           "case " + subject().number + " has no decision yet: a decision letter follows one",
           "type", "not_decided");
    }
    title("title_decision");
    case_fields(true);
    paragraph(subject().deemed ? say("decision_deemed") : say("decision_intro"));
    Block items = block_of(Block::Kind::table);
    items.widths = {0.28, 0.09, 0.19, 0.2, 0.24};
    items.rows.push_back({say("col_item"), say("col_qty"), say("col_decision"),
                          say("col_resolution"), say("col_why")});
    for (const auto &item : subject().items) items.rows.push_back(decision_row(item));
    sheet_.blocks.push_back(std::move(items));
    if (values_.contains("refund_total") && values_.at("accepted").as_bool()) {
      paragraph(say("refund_total"));
    }
    std::string reasons;
    for (const auto key : {"explanation", "reason"}) {
      const std::string text = string_of(values_, key);
      if (!text.empty() && reasons.find(text) == std::string::npos) {
        reasons += (reasons.empty() ? "" : "\n") + cut(text, kTextBytes);
      }
    }
    if (!reasons.empty()) {
      heading("reasons");
      paragraph(reasons);
    }
    heading("basis");
    const std::string kind = subject().kind == Kind::complaint ? "complaint" : "return";
    paragraph(say("basis_" + kind + "_" + scene_.shop.jurisdiction));
    if (values_.contains("further_rights") && values_.at("further_rights").as_bool()) {
      heading("rights");
      if (values_.contains("appeal_until")) paragraph(say("appeal"));
      paragraph(say("rights_" + scene_.shop.jurisdiction));
    }
    paragraph(say("durable"));
    return std::move(sheet_);
  }

  Sheet slip() {
    sheet_.title = say("title_slip");
    Block fields = block_of(Block::Kind::fields);
    fields.rows.push_back({say("case_number"), subject().number});
    if (!subject().order_id.empty())
      fields.rows.push_back({say("order_number"), cut(subject().order_id, 200)});
    fields.rows.push_back({say("customer"), customer()});
    fields.rows.push_back({say("issued_on"), string_of(values_, "issued_on")});
    sheet_.blocks.push_back(std::move(fields));
    paragraph(say("slip_intro"));
    Block qr = block_of(Block::Kind::qr);
    qr.text = subject().number;
    qr.caption = say("qr_caption");
    sheet_.blocks.push_back(std::move(qr));
    heading("items");
    Block items = block_of(Block::Kind::table);
    items.widths = {0.6, 0.25, 0.15};
    items.rows.push_back({say("col_item"), say("col_sku"), say("col_qty")});
    for (const auto &item : subject().items) {
      items.rows.push_back({label_of(item), cut(item.sku, 200), std::to_string(item.qty)});
    }
    sheet_.blocks.push_back(std::move(items));
    heading("return_address");
    paragraph(scene_.shop.return_address.empty() ? say("return_address_unknown")
                                                 : cut(scene_.shop.return_address, kTextBytes));
    if (const std::string instructions = string_of(values_, "instructions");
        !instructions.empty()) {
      heading("instructions");
      paragraph(cut(instructions, kTextBytes));
    }
    paragraph(say("slip_pack"));
    return std::move(sheet_);
  }

 private:
  const Case &subject() const { return scene_.subject; }
  std::string say(std::string_view key) const { return words_.say(key, values_); }

  void title(const std::string &prefix) {
    sheet_.title = say(prefix + (subject().kind == Kind::complaint ? "_complaint" : "_return"));
  }
  void heading(std::string_view key) {
    sheet_.blocks.push_back(block_of(Block::Kind::heading, say(key)));
  }
  void paragraph(std::string text) {
    if (!text.empty()) sheet_.blocks.push_back(block_of(Block::Kind::paragraph, std::move(text)));
  }

  std::string customer() const {
    const auto &who = subject().customer;
    std::string text = cut(who.name, kNameBytes);
    if (!who.email.empty()) text += (text.empty() ? "" : "\n") + cut(who.email, 320);
    return text;
  }

  void case_fields(bool decided) {
    Block fields = block_of(Block::Kind::fields);
    fields.rows.push_back({say("case_number"), subject().number});
    if (!subject().order_id.empty())
      fields.rows.push_back({say("order_number"), cut(subject().order_id, 200)});
    fields.rows.push_back({say("customer"), customer()});
    const bool withdrawal = subject().extra.contains("withdrawal");
    fields.rows.push_back(
        {say("kind"),
         say(withdrawal ? "kind_withdrawal" : "kind_" + std::string(name(subject().kind)))});
    fields.rows.push_back({say("received_at"), string_of(values_, "opened_at")});
    if (decided && subject().decided_at) {
      fields.rows.push_back(
          {say("decided_at"),
           long_date_text(scene_.zone.local_day(*subject().decided_at), scene_.locale)});
    }
    sheet_.blocks.push_back(std::move(fields));
  }

  std::vector<std::string> decision_row(const CaseItem &item) const {
    const auto &decision = item.decision;
    json::object counts{{"qty", decision.qty}, {"of", item.qty}};
    std::string outcome, remedy, why = cut(decision.reason, kTextBytes / 2);
    switch (decision.outcome) {
      case ItemDecision::Outcome::accepted:
        outcome = decision.qty < item.qty ? words_.say("outcome_partial", json::value(counts))
                                          : say("outcome_accepted");
        break;
      case ItemDecision::Outcome::rejected:
        outcome = say("outcome_rejected");
        if (why.empty()) why = cut(subject().reject_reason, kTextBytes / 2);
        break;
      case ItemDecision::Outcome::pending:
        // A deemed acceptance covers every item; otherwise an undecided item says so.
        outcome = subject().deemed ? say("outcome_accepted") : say("outcome_pending");
        break;
    }
    if (decision.outcome == ItemDecision::Outcome::accepted && decision.resolution) {
      remedy = say("resolution_" + std::string(name(decision.resolution->type)));
      if (decision.resolution->amount) {
        remedy += "\n" + local_money_text(*decision.resolution->amount, scene_.locale);
      }
      if (const auto &goods = decision.resolution->exchange) {
        const std::string given = goods->name.empty() ? goods->sku : goods->name;
        remedy += "\n" + words_.say("exchange_goods",
                                     json::value(json::object{{"goods", cut(given, kTextBytes / 4)},
                                                              {"qty", goods->qty}}));
      }
      if (const auto &difference = decision.resolution->difference) {
        remedy += "\n" + words_.say("difference_" + std::string(settlement(*difference)),
                                     json::value(json::object{
                                         {"amount", local_money_text(magnitude(*difference),
                                                                     scene_.locale)}}));
      }
    }
    return {label_of(item), std::to_string(item.qty), outcome, remedy, why};
  }

  const DocumentScene &scene_;
  const Wording &words_;
  json::object values_;
  Sheet sheet_;
};

}  // namespace

Sheet compose(const DocumentScene &scene) {
  Composer composer(scene);
  switch (scene.type) {
    case DocumentType::complaint_receipt: return composer.receipt();
    case DocumentType::decision_letter: return composer.decision();
    case DocumentType::return_slip: return composer.slip();
  }
  fail(Status::internal, "unknown document type");
}

std::string document_filename(const Case &subject, DocumentType type, const std::string &locale) {
  std::string name;
  for (char c : subject.number) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
    name += plain ? c : '_';
  }
  return name + "-" + std::string(kDocumentTypes[static_cast<int>(type)]) + "-" + locale + ".pdf";
}

}  // namespace reclaim::documents
