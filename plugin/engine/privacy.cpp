// Personal data (docs/PRIVACY.md): a person's export, their erasure on request, and retention,
// which anonymises finished cases once the shop's policy lets them go.
#include <spdlog/spdlog.h>

#include "core/actions.hpp"
#include "core/crypto.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"
#include "core/privacy.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

constexpr int kRetentionBatch = 100;  // cases per transaction
constexpr std::size_t kMaxEmailBytes = 320;

void check_subject(const SubjectRequest &request) {
  if (request.email.empty()) fail(Status::invalid_argument, "required", "email");
  if (request.email.size() > kMaxEmailBytes) {
    fail(Status::invalid_argument, "an e-mail address is at most 320 bytes", "email");
  }
}

// Whose traces an erasure looks for: the person's own values, from each case and order.
void add_traces(Traces &traces, const Order &order) {
  traces.add(order.customer);
  if (order.shipping_address) traces.add(*order.shipping_address);
}

}  // namespace

SubjectExport Engine::subject_export(const SubjectRequest &request) {
  shop(request.shop);
  check_subject(request);
  SubjectExport out;
  store_->read([&](Tx &tx) {
    out = SubjectExport{};
    out.shop = request.shop;
    out.email = request.email;
    out.generated_at = now();
    const auto case_ids = tx.subject_case_ids(request.shop, request.email);
    std::map<std::string, std::string> numbers;  // case id → number
    for (const auto &id : case_ids) {
      auto found = tx.case_by_id(id);
      if (!found) continue;
      numbers[id] = found->number;
      CaseRecord record = record_of(std::move(*found), tx.history(id));
      record.status_token.clear();  // a credential, not the person's data
      out.cases.push_back(std::move(record));
      for (const auto &file : tx.attachments(id)) {
        if (auto whole = tx.attachment(id, file.id)) out.attachments.push_back(std::move(*whole));
      }
      for (auto &message : tx.outbox_of_case(id)) {
        if (message.channel == Channel::mail && same_email(message.to, request.email)) {
          out.messages.push_back(std::move(message));
        }
      }
    }
    for (const auto &id : tx.subject_order_ids(request.shop, request.email)) {
      if (auto order = tx.order(request.shop, id)) out.orders.push_back(std::move(*order));
    }
    for (const auto &mail : tx.subject_mails(request.shop, request.email, case_ids)) {
      const auto number = numbers.find(mail.case_id);
      out.received.push_back({mail.id, number == numbers.end() ? "" : number->second,
                              mail.received_at, mail.from_address, mail.from_name, mail.subject,
                              mail.text});
    }
  });
  return out;
}

bool Engine::erase_case(Tx &tx, Case subject, const std::string &pseudonym, const Traces &traces,
                        Erasure &record) {
  if (!tx.claim_anonymisation(subject.id, record.at)) return false;  // another process was first
  const std::int64_t previous = subject.version;
  anonymise(subject, pseudonym, traces, record.at);
  subject.version = previous + 1;

  auto history = tx.history(subject.id);
  for (auto &entry : history) anonymise(entry, pseudonym, traces);
  tx.replace_history(subject.id, history);
  for (auto &[seq, data] : tx.event_data_of_case(subject.id)) {
    scrub(data, traces, pseudonym);
    tx.replace_event_data(seq, data);
  }
  for (auto &message : tx.outbox_of_case(subject.id)) {
    anonymise(message, pseudonym, traces, record.at);
    tx.replace_outbox_message(message);
    ++record.messages;
  }
  for (const auto &mail : tx.subject_mails(subject.shop, pseudonym, {subject.id})) {
    tx.anonymise_mail(mail.id, pseudonym);
    ++record.received;
  }
  record.attachments += tx.delete_attachments(subject.id);
  tx.forget_idempotency(subject.id);

  // The body does not hold the alert clock; an open supplier claim is still watched.
  const auto alerts =
      pending_alerts(subject, policy_at(tx, subject.shop, record.at)->warn_before_hours);
  subject.next_alert_at = alerts.empty() ? kMaxTime : alerts.front().at;
  tx.update_case(subject, previous);
  const json::object data{{"erasure", record.id}, {"reason", record.reason}};
  tx.append_history(subject.id, subject.version,
                    {record.at, record.actor, "anonymise", subject.state, subject.state, data,
                     false});
  tx.append_event(case_event(subject, "case.anonymised", record.at, false, data));
  ++record.cases;
  return true;
}

bool Engine::erase_order(Tx &tx, const std::string &shop_id, const std::string &order_id,
                         const std::string &pseudonym, const Traces &traces, Erasure &record) {
  if (order_id.empty() || tx.order_anonymised(shop_id, order_id) ||
      tx.order_in_kept_case(shop_id, order_id)) {
    return false;
  }
  auto order = tx.order(shop_id, order_id);
  if (!order) return false;
  anonymise(*order, pseudonym, traces);
  tx.put_order(shop_id, *order, record.at);
  tx.mark_order_anonymised(shop_id, order_id, record.at);
  ++record.orders;
  return true;
}

Erasure Engine::subject_erase(const SubjectRequest &request) {
  shop(request.shop);
  check_subject(request);
  if (request.actor.role != Role::supervisor && request.actor.role != Role::host &&
      request.actor.role != Role::system) {
    fail(Status::not_allowed, "only a supervisor or the host may erase a person's data", "actor",
         "role_not_allowed");
  }
  if (request.reason.empty()) fail(Status::invalid_argument, "required", "reason");
  const std::string id = "e_" + hex_encode(random_bytes(10));
  const std::string pseudonym = erased_address(id);
  Erasure record;
  store_->write([&](Tx &tx) {  // may run again when busy: start from scratch each time
    record = Erasure{};
    record.id = id;
    record.shop = request.shop;
    record.at = now();
    record.actor = request.actor;
    record.reason = request.reason;
    Traces traces;
    traces.add(request.email);
    std::vector<Case> cases;
    for (const auto &case_id : tx.subject_case_ids(request.shop, request.email)) {
      if (auto found = tx.case_by_id(case_id)) {
        traces.add(found->customer);
        cases.push_back(std::move(*found));
      }
    }
    const auto order_ids = tx.subject_order_ids(request.shop, request.email);
    for (const auto &order_id : order_ids) {
      if (const auto order = tx.order(request.shop, order_id)) add_traces(traces, *order);
    }
    record.reason = scrubbed(record.reason, traces);
    if (traces.found_in(record.actor.id)) record.actor.id.clear();
    for (auto &subject : cases) {
      if (const std::string why = reason_to_keep(subject); !why.empty()) {
        record.kept.push_back({subject.number, why});
        continue;
      }
      erase_case(tx, std::move(subject), pseudonym, traces, record);
    }
    for (const auto &order_id : order_ids) {
      erase_order(tx, request.shop, order_id, pseudonym, traces, record);
    }
    for (const auto &mail : tx.subject_mails(request.shop, request.email, {})) {
      if (!mail.case_id.empty()) continue;  // a kept case's: stays with it
      tx.anonymise_mail(mail.id, pseudonym);
      ++record.received;
    }
    tx.put_erasure(record);
  });
  store_->checkpoint();
  log_->info("erasure {} in shop {}: {} case(s), {} order(s) anonymised, {} kept", record.id,
             record.shop, record.cases, record.orders, record.kept.size());
  return record;
}

int Engine::apply_retention(UnixMs at) {
  int anonymised = 0;
  for (const auto &shop_id : shop_order_) {
    std::shared_ptr<const Policy> policy;
    store_->read([&](Tx &tx) { policy = policy_at(tx, shop_id, at); });
    if (!policy->anonymise_closed_after_days) continue;
    const UnixMs finished_by = at - *policy->anonymise_closed_after_days * kMsPerDay;
    for (bool more = true; more;) {
      Erasure record;
      store_->write([&](Tx &tx) {
        record = Erasure{};
        record.id = "e_" + hex_encode(random_bytes(10));
        record.shop = shop_id;
        record.at = at;
        record.actor = {Role::system, "retention"};
        record.reason = "retention: anonymise_closed_after_days " +
                        std::to_string(*policy->anonymise_closed_after_days);
        const auto ids = tx.cases_for_retention(shop_id, finished_by, kRetentionBatch);
        more = ids.size() == kRetentionBatch;
        for (const auto &id : ids) {
          auto subject = tx.case_by_id(id);
          if (!subject) continue;
          Traces traces;
          traces.add(subject->customer);
          const auto order = subject->order_id.empty()
                                 ? std::nullopt
                                 : tx.order(shop_id, subject->order_id);
          if (order) add_traces(traces, *order);
          // One address per case: retention knows cases, not people.
          const std::string pseudonym = erased_address(id);
          const std::string order_id = subject->order_id;
          if (erase_case(tx, std::move(*subject), pseudonym, traces, record)) {
            erase_order(tx, shop_id, order_id, pseudonym, traces, record);
          }
        }
        if (record.cases > 0) tx.put_erasure(record);
      });
      anonymised += record.cases;
    }
  }
  if (anonymised > 0) {
    store_->checkpoint();
    log_->info("retention: {} finished case(s) anonymised", anonymised);
  }
  return anonymised;
}

}  // namespace reclaim
