// Publishing a change: its event, and in the same transaction the mails and webhook posts it
// causes (the outbox), so that a committed change is never left untold.
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <utility>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "codec/case_json.hpp"
#include "codec/mail.hpp"
#include "codec/mail_values.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "engine/delivery.hpp"
#include "engine/engine.hpp"
#include "engine/inbound_mail.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

// "desk@shop.example" from "Shop <desk@shop.example>" or "desk@shop.example".
std::string address_of(std::string_view from) {
  const auto open = from.find('<');
  const auto close = from.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    return std::string(from.substr(open + 1, close - open - 1));
  }
  return std::string(trim(from));
}

// The domain of the sender's address, for Message-IDs; a placeholder when the address has
// none a Message-ID could carry (the configuration checks addresses only loosely).
std::string domain_of(std::string_view from) {
  const std::string address = address_of(from);
  const auto at = address.rfind('@');
  const std::string domain = at == std::string::npos ? std::string() : address.substr(at + 1);
  const auto host = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.';
  };
  const bool usable = !domain.empty() && domain.size() <= 253 &&
                      std::all_of(domain.begin(), domain.end(), host);
  return usable ? domain : std::string("reclaim.invalid");
}

// An outbox row for `event` of `subject`, to `to`: its identity, before what it carries.
OutboxMessage outbox_row(const Case &subject, const Event &event, Channel channel,
                         std::string id, const std::string &to, const std::string &locale) {
  OutboxMessage row;
  row.id = std::move(id);
  row.channel = channel;
  row.event_seq = event.seq;
  row.event_type = event.type;
  row.case_id = subject.id;
  row.case_number = subject.number;
  row.shop = subject.shop;
  row.to = to;
  row.locale = locale;
  row.created_at = event.at;
  return row;
}

}  // namespace

std::string Engine::status_url(const Case &subject, std::string_view token,
                               std::string_view locale) const {
  const std::string &base = shop(subject.shop).config.public_url;
  if (base.empty()) return {};
  return base + "/c/" + std::string(token) + "?lang=" + std::string(locale);
}

MailPreview Engine::render_mail(const Case &subject, const Event &event,
                                std::string_view template_name, const std::string &locale,
                                const Policy &policy, std::string_view token) const {
  const Shop &where = shop(subject.shop);
  const std::string staff_url = where.config.public_url.empty()
                                    ? std::string()
                                    : where.config.public_url + "/staff/cases/" + subject.number;
  const codec::MailScene scene{subject,           event,
                               where.zone,        locale,
                               where.config.name, status_url(subject, token, locale),
                               staff_url,         policy.appeal_days};
  auto rendered = codec::MailTexts::defaults().render(
      template_name, locale, codec::mail_values(scene),
      policy.messages.empty() ? nullptr : &policy.messages);
  MailPreview mail;
  mail.template_name = std::string(template_name);
  mail.locale = locale;
  mail.subject = std::move(rendered.subject);
  mail.text = std::move(rendered.text);
  mail.html = std::move(rendered.html);
  mail.event_seq = event.seq;
  mail.event_type = event.type;
  return mail;
}

std::string Engine::publish(Tx &tx, const Case &subject, Event event, const Policy &policy) {
  const Shop &where = shop(subject.shop);
  const std::string locale =
      subject.customer.locale.empty() ? where.config.locale : subject.customer.locale;
  const std::string token = status_token(subject);
  const std::string link = status_url(subject, token, locale);
  // What a host's own mailer needs to write to the customer, without reading the case.
  event.data["locale"] = locale;
  // An erased case still hears from the shop's supplier and its deadline watch, but its link
  // and address are gone: no event brings them back.
  if (!subject.anonymised_at) {
    event.data["customer_email"] = subject.customer.email;
    event.data["status_token"] = token;
    if (!link.empty()) event.data["status_url"] = link;
  }
  event.seq = tx.append_event(event);

  const NotifyConfig &notify = where.config.notify;
  const std::string from = notify.from.empty() ? config_.mail.from : notify.from;
  const std::string domain = domain_of(from);
  const bool withdrawal = subject.extra.contains("withdrawal");
  const auto queue_mail = [&](std::string_view template_name, const std::string &to,
                              const std::string &mail_locale) {
    MailPreview rendered = render_mail(subject, event, template_name, mail_locale, policy, token);
    OutboxMessage mail = outbox_row(subject, event, Channel::mail,
                                    "m_" + hex_encode(random_bytes(10)), to, mail_locale);
    mail.template_name = std::string(template_name);
    mail.subject = std::move(rendered.subject);
    mail.text = std::move(rendered.text);
    mail.html = std::move(rendered.html);
    // Every mail of a case refers to one thread id, so mail clients show them together, and a
    // reply's References lead back to the case (inbound_mail.hpp reads them).
    const std::string thread = message_id_for(subject.number, "thread", domain);
    mail.headers = {{"From", from},
                    {"To", to},
                    {"Message-ID", message_id_for(subject.number, mail.id, domain)},
                    {"In-Reply-To", thread},
                    {"References", thread},
                    // RFC 3834: out-of-office replies must not answer this.
                    {"Auto-Submitted", "auto-generated"}};
    if (!notify.reply_to.empty()) mail.headers.emplace_back("Reply-To", notify.reply_to);
    tx.append_outbox(mail);
  };

  const auto customer_mail = customer_template(event, withdrawal);
  if (!customer_mail.empty() && !subject.customer.email.empty()) {
    queue_mail(customer_mail, subject.customer.email, locale);
  }
  if (const auto staff_mail = staff_template(event); !staff_mail.empty()) {
    const std::string staff_locale =
        notify.staff_locale.empty() ? where.config.locale : notify.staff_locale;
    for (const auto &address : notify.staff) queue_mail(staff_mail, address, staff_locale);
  }

  std::string body;
  for (const auto &hook : config_.webhooks) {
    bool wanted = hook.shops.empty();
    for (const auto &shop_id : hook.shops) wanted = wanted || shop_id == subject.shop;
    bool matches = false;
    for (const auto &pattern : hook.events) matches = matches || event_matches(pattern, event.type);
    if (!wanted || !matches) continue;
    if (body.empty()) body = json::serialize(codec::event_to_json(event));
    // The id is the webhook-id, the same on every retry.
    OutboxMessage post = outbox_row(subject, event, Channel::webhook,
                                    "msg_" + hex_encode(random_bytes(12)), hook.id, locale);
    post.text = body;
    tx.append_outbox(post);
  }
  return token;
}

MessagePage Engine::read_messages(const OutboxQuery &query) {
  if (!query.shop.empty()) shop(query.shop);
  MessagePage page;
  store_->read_outbox([&](Tx &tx) { page.messages = tx.outbox(query); });
  page.next = page.messages.empty() ? query.after : page.messages.back().seq;
  return page;
}

MailPreview Engine::preview_mail(const MailPreviewRequest &request) {
  const bool known = std::any_of(std::begin(codec::kMailTemplates), std::end(codec::kMailTemplates),
                                 [&](std::string_view name) { return name == request.template_name; });
  if (!known) fail(Status::invalid_argument, "no mail template with this name", "template");
  if (!request.locale.empty() &&
      std::find(std::begin(kLocales), std::end(kLocales), request.locale) == std::end(kLocales)) {
    fail(Status::invalid_argument, "mails are written in pl, en and ru", "locale");
  }
  const bool for_staff = request.template_name.starts_with("staff.");
  std::optional<MailPreview> preview;
  store_->read_outbox([&](Tx &tx) {
    const Case subject = find_case(tx, request.case_ref);
    const bool withdrawal = subject.extra.contains("withdrawal");
    // The latest event that sends this template, and which templates the case's events send.
    std::optional<Event> latest;
    std::set<std::string, std::less<>> sent;
    EventQuery query;
    query.case_id = subject.id;
    query.limit = 1000;
    for (;;) {
      const auto events = tx.events(query);
      for (const auto &event : events) {
        const auto name = for_staff ? staff_template(event) : customer_template(event, withdrawal);
        if (name.empty()) continue;
        sent.emplace(name);
        if (name == request.template_name) latest = event;
      }
      if (events.size() < static_cast<std::size_t>(query.limit)) break;
      query.after = events.back().seq;
    }
    if (!latest) {
      std::string others;
      for (const auto &name : sent) others += (others.empty() ? "" : ", ") + name;
      fail(Status::not_found,
           "case " + subject.number + " has no event that sends " + request.template_name +
               (others.empty() ? std::string() : "; it has events for " + others),
           "template");
    }
    const Shop &where = shop(subject.shop);
    const NotifyConfig &notify = where.config.notify;
    std::string locale = request.locale;
    if (locale.empty() && for_staff) locale = notify.staff_locale;
    if (locale.empty() && !for_staff) {
      // The language the event was sent in (publish records it).
      const auto *sent_in = latest->data.if_contains("locale");
      if (sent_in != nullptr && sent_in->is_string()) locale = std::string(sent_in->get_string());
    }
    if (locale.empty()) locale = where.config.locale;
    const auto policy = policy_at(tx, subject.shop, now());
    preview = render_mail(subject, *latest, request.template_name, locale, *policy,
                          status_token(subject));
    preview->to = for_staff ? (notify.staff.empty() ? std::string() : notify.staff.front())
                            : subject.customer.email;
  });
  return *preview;
}

int Engine::deliver_now() { return sender_ ? sender_->run_once() : 0; }

void Engine::wake_sender() {
  if (sender_) sender_->wake();
}

int Engine::ack_messages(const std::vector<std::string> &ids, Delivery result,
                         const std::string &error) {
  const UnixMs at = now();
  int changed = 0;
  store_->write([&](Tx &tx) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!tx.outbox_message(ids[i])) {
        fail(Status::not_found, "no message with this id", "ids[" + std::to_string(i) + "]");
      }
      tx.set_delivery(ids[i], result, error, at);
      ++changed;
    }
  });
  if (result == Delivery::pending) wake_sender();
  return changed;
}

}  // namespace reclaim
