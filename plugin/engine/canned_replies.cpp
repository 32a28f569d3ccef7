// Canned replies: listed, saved and removed per shop, and rendered for a case with its values
// in the reply's language.
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/messages.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

void check_reply(const CannedReply &reply) {
  if (reply.title.empty()) fail(Status::invalid_argument, "required", "reply.title");
  if (reply.body.empty()) fail(Status::invalid_argument, "required", "reply.body");
  if (const auto unknown = unknown_placeholder(reply.body)) {
    std::string known;
    for (const auto name : kCannedPlaceholders) {
      known += (known.empty() ? "" : ", ") + std::string("{{") + std::string(name) + "}}";
    }
    fail(Status::invalid_argument,
         "unknown placeholder " + *unknown + "; a reply may use " + known, "reply.body");
  }
}

}  // namespace

CannedAnswer Engine::canned_replies(const CannedRequest &request) {
  CannedAnswer answer;
  answer.op = request.op;
  switch (request.op) {
    case CannedOp::list:
      shop(request.shop);  // an unknown shop is not_found
      store_->read([&](Tx &tx) {
        answer.replies = tx.canned_replies(request.shop, request.locale, request.reason);
      });
      break;
    case CannedOp::save: {
      shop(request.shop);
      CannedReply reply = request.reply;
      check_reply(reply);
      reply.shop = request.shop;
      reply.updated_at = now();
      store_->write([&](Tx &tx) {
        if (reply.id.empty()) {
          tx.lock_name("canned_replies:" + reply.shop);  // two additions never pass the limit
          if (tx.count_canned_replies(reply.shop) >= static_cast<std::int64_t>(kCannedRepliesPerShop)) {
            fail(Status::not_allowed,
                 "a shop keeps at most " + std::to_string(kCannedRepliesPerShop) +
                     " canned replies; remove one first",
                 "reply", "canned_reply_limit");
          }
          reply.id = "r_" + hex_encode(random_bytes(10));
        } else if (!tx.canned_reply(reply.shop, reply.id)) {
          fail(Status::not_found, "no canned reply '" + reply.id + "' in shop " + reply.shop,
               "reply.id");
        }
        tx.put_canned_reply(reply);
      });
      answer.reply = std::move(reply);
      break;
    }
    case CannedOp::remove:
      shop(request.shop);
      store_->write([&](Tx &tx) {
        auto found = tx.canned_reply(request.shop, request.id);
        if (!found) {
          fail(Status::not_found, "no canned reply '" + request.id + "' in shop " + request.shop,
               "id");
        }
        tx.delete_canned_reply(request.shop, request.id);
        answer.reply = std::move(*found);
      });
      break;
    case CannedOp::render: {
      const Case subject = get_case(request.case_ref).subject;
      answer = render_canned_reply(subject, request.id, request.locale);
      break;
    }
  }
  return answer;
}

CannedAnswer Engine::render_canned_reply(const Case &subject, const std::string &id,
                                         const std::string &locale) {
  CannedAnswer answer;
  answer.op = CannedOp::render;
  store_->read([&](Tx &tx) {
    auto found = tx.canned_reply(subject.shop, id);
    if (!found) fail(Status::not_found, "no canned reply '" + id + "' in shop " + subject.shop, "id");
    answer.reply = std::move(*found);
  });
  const Shop &where = shop(subject.shop);
  const std::string &language = locale.empty() ? answer.reply.locale : locale;
  const auto decision = subject.decided_at ? subject.decided_at : subject.deadlines.decision_due;
  answer.text = fill_canned_reply(
      answer.reply.body,
      {subject.number, subject.customer.name, subject.order_id, where.config.name,
       decision ? long_date_text(where.zone.local_day(*decision), language) : std::string()});
  return answer;
}

}  // namespace reclaim
