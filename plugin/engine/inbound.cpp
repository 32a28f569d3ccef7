// Inbound e-mail: a customer's message threaded to its case and added as their reply or message,
// or kept as a draft for staff. docs/MESSAGES.md, "Inbound mail".
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>

#include "codec/html_text.hpp"
#include "core/crypto.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

namespace json = boost::json;

// Longer texts are cut: a case's history entry is no archive of a mail thread.
constexpr std::size_t kMaxMailTextChars = 10'000;

// The case a message threads to: our own Message-ID in In-Reply-To, then in References (newest
// first), then a case number of the shop in the subject.
std::optional<std::string> thread_number(const InboundMail &mail, const std::string &prefix) {
  std::string number;
  if (!mail.in_reply_to.empty() && case_number_from_message_id(mail.in_reply_to, number)) {
    return number;
  }
  for (auto id = mail.references.rbegin(); id != mail.references.rend(); ++id) {
    if (case_number_from_message_id(*id, number)) return number;
  }
  return case_number_in_text(mail.subject, prefix);
}

// A customer's message on a case whose state takes no reply: recorded like a reply (the same
// history action, so every page shows it as the customer's words) but the state stays.
Outcome customer_message(Case &subject, const ActionRequest &request, UnixMs at) {
  json::object data{{"message", request.message}};
  if (!request.attachments.empty()) {
    json::array ids;
    for (const auto &id : request.attachments) ids.emplace_back(id);
    data["attachments"] = std::move(ids);
  }
  Outcome outcome;
  outcome.history = {at, request.actor, "reply", subject.state, subject.state, data, true};
  subject.version += 1;
  subject.updated_at = at;
  json::object event_data = data;
  event_data["action"] = "reply";
  event_data["actor"] = json::object{{"role", "customer"}, {"id", request.actor.id}};
  outcome.events.push_back(case_event(subject, "case.message", at, true, event_data));
  return outcome;
}

// Marks what came by e-mail, in the history and the events.
void by_email(Outcome &outcome) {
  outcome.history.data["channel"] = "email";
  for (auto &event : outcome.events) event.data["channel"] = "email";
}

InboundOutcome outcome_of(const InboundRecord &record) {
  InboundOutcome out;
  out.result = record.result;
  out.reason = record.reason;
  out.case_id = record.case_id;
  out.history_seq = record.history_seq;
  // A draft staff have settled since is still what the mail became.
  if (record.result.starts_with("draft")) {
    out.result = "draft";
    out.draft_id = record.id;
  }
  out.mail_key = record.key;
  return out;
}

}  // namespace

InboundOutcome Engine::receive_mail(const std::string &shop_id, std::string_view raw) {
  const Shop &where = shop(shop_id);
  const InboundMail mail = parse_inbound_mail(raw);
  const UnixMs at = now();
  const std::string key =
      mail.message_id.empty() ? "sha256:" + sha256_hex(raw) : mail.message_id.substr(0, 500);
  const auto number = thread_number(mail, where.config.case_prefix);

  // Files are judged before the transaction, by the upload rules; a refused one is named in the
  // text and the answer, and the rest of the mail still counts.
  std::vector<Attachment> files;
  std::vector<std::pair<std::string, std::string>> refused;
  for (const auto &file : mail.attachments) {
    try {
      files.push_back(prepare_attachment(file.filename, file.bytes));
    } catch (const Error &error) {
      if (error.status() != Status::invalid_argument) throw;
      refused.emplace_back(file.filename, error.rule().empty() ? "attachment_type" : error.rule());
    }
  }
  std::string text = mail.text;
  if (text.empty()) text = files.empty() ? "(an e-mail without text)" : "(files sent by e-mail)";
  text = shorten_text(text, kMaxMailTextChars);
  for (const auto &[name, rule] : refused) {
    text += "\n[file not taken: " + (name.empty() ? std::string("(no name)") : name) + ", " + rule +
            "]";
  }

  InboundOutcome result;
  store_->write([&](Tx &tx) {
    result = {};
    if (const auto seen = tx.inbound_mail(shop_id, key)) {
      result = outcome_of(*seen);
      result.duplicate = true;
      if (const auto subject =
              seen->case_id.empty() ? std::nullopt : tx.case_by_id(seen->case_id)) {
        result.case_number = subject->number;
      }
      return;
    }
    InboundRecord record;
    record.id = "m_" + hex_encode(random_bytes(10));
    record.shop = shop_id;
    record.key = key;
    record.from_address = mail.from_address;
    record.from_name = mail.from_name;
    record.subject = mail.subject;
    record.received_at = at;
    record.raw_size = static_cast<std::int64_t>(mail.raw_size);

    std::optional<Case> found;
    if (number) found = tx.case_by_number(shop_id, *number);
    std::string reason;
    if (!found) {
      reason = "no_case";
    } else if (!same_email(found->customer.email, mail.from_address)) {
      reason = "not_customer";
    } else if (found->state == State::closed || found->state == State::cancelled) {
      reason = "case_closed";
    }
    if (reason.empty()) {
      Case subject = *found;
      const std::int64_t previous = subject.version;
      const State before = subject.state;
      ActionRequest request;
      request.action = Action::reply;
      request.actor = {Role::customer, mail.from_address};
      request.message = text;
      for (const auto &file : files) request.attachments.push_back(file.id);
      try {
        const auto policy = policy_at(tx, subject.shop, at);
        Outcome outcome = before == State::waiting_for_customer
                              ? apply_action(subject, request, {at, policy->appeal_days})
                              : customer_message(subject, request, at);
        by_email(outcome);
        // Checks the quota before it writes a file.
        if (!files.empty()) keep_attachments(tx, subject, before, files);
        const auto alerts = pending_alerts(subject, policy->warn_before_hours);
        subject.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
        tx.update_case(subject, previous);
        tx.append_history(subject.id, subject.version, outcome.history);
        // As every change: with the language, e-mail and link a host's mailer needs.
        for (const auto &event : outcome.events) publish(tx, subject, event, *policy);
        record.result = before == State::waiting_for_customer ? "reply" : "message";
        record.case_id = subject.id;
        record.history_seq = subject.version;
        result.case_number = subject.number;
        for (const auto &file : files) result.attachments.push_back(file.id);
        log_->info("case {}: e-mail {} from its customer taken as a {}", subject.number, key,
                   record.result);
      } catch (const Error &error) {
        if (error.status() != Status::not_allowed && error.status() != Status::invalid_argument) {
          throw;
        }
        reason = "refused";
        log_->info("case {}: e-mail {} refused ({}); kept as a draft", found->number, key,
                   error.what());
      }
    }
    if (!reason.empty()) {
      record.result = "draft";
      record.reason = reason;
      record.text = text;
      log_->info("e-mail {} to shop {} kept as a draft ({})", key, shop_id, reason);
    }
    tx.put_inbound_mail(record);
    const std::string case_number = result.case_number;
    auto kept = std::move(result.attachments);
    result = outcome_of(record);
    result.case_number = case_number;
    if (record.result != "draft") result.attachments = std::move(kept);
  });
  result.refused_files = std::move(refused);
  return result;
}

std::vector<InboundDraft> Engine::inbound_drafts(const std::string &shop_id, int limit) {
  shop(shop_id);
  std::vector<InboundDraft> drafts;
  store_->read([&](Tx &tx) {
    drafts.clear();
    for (auto &r : tx.inbound_drafts(shop_id, limit)) {
      drafts.push_back({r.id, r.shop, r.reason, r.key, r.from_address, r.from_name, r.subject,
                        r.text, r.received_at, r.raw_size});
    }
  });
  return drafts;
}


std::vector<InboundDraft> Engine::staff_drafts(const StaffMember &staff, int limit) {
  std::vector<InboundDraft> all;
  for (const auto &shop_id : staff.shops) {
    if (!shops_.count(shop_id)) continue;
    auto drafts = inbound_drafts(shop_id, limit);
    all.insert(all.end(), std::make_move_iterator(drafts.begin()),
               std::make_move_iterator(drafts.end()));
  }
  std::stable_sort(all.begin(), all.end(), [](const InboundDraft &a, const InboundDraft &b) {
    return a.received_at > b.received_at;
  });
  if (all.size() > static_cast<std::size_t>(limit)) all.resize(static_cast<std::size_t>(limit));
  return all;
}

std::int64_t Engine::staff_draft_count(const StaffMember &staff) {
  std::int64_t count = 0;
  store_->read([&](Tx &tx) {
    count = 0;
    for (const auto &shop_id : staff.shops) {
      if (shops_.count(shop_id)) count += tx.count_inbound_drafts(shop_id);
    }
  });
  return count;
}

InboundDraft Engine::staff_draft(const StaffMember &staff, const std::string &id) {
  std::optional<InboundRecord> found;
  store_->read([&](Tx &tx) { found = tx.inbound_mail_by_id(id); });
  if (!found || found->result != "draft" || !staff.sees(found->shop)) {
    fail(Status::not_found, "no open draft with this id", "draft");
  }
  const InboundRecord &r = *found;
  return {r.id,   r.shop,    r.reason, r.key,        r.from_address,
          r.from_name, r.subject, r.text, r.received_at, r.raw_size};
}

void Engine::settle_draft(const StaffMember &staff, const std::string &id,
                          const std::string &case_id) {
  store_->write([&](Tx &tx) {
    const auto found = tx.inbound_mail_by_id(id);
    if (!found || found->result != "draft" || !staff.sees(found->shop)) {
      fail(Status::not_found, "no open draft with this id", "draft");
    }
    std::string taken_into;
    if (!case_id.empty()) {
      const Case into = find_case(tx, case_id);
      if (into.shop != found->shop) {
        fail(Status::invalid_argument, "the case is of another shop than the mail", "case");
      }
      taken_into = into.id;
    }
    if (!tx.settle_inbound_draft(id, taken_into.empty() ? "draft_dismissed" : "draft_taken",
                                 taken_into)) {
      fail(Status::not_found, "no open draft with this id", "draft");
    }
  });
  log_->info("draft {} {} by {}", id, case_id.empty() ? "dismissed" : "taken into " + case_id,
             staff.id);
}

}  // namespace reclaim
