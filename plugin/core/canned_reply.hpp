// Canned replies: texts a shop prepares once per language (and, if it wants, per complaint
// reason) so that staff answer the same questions the same way. A text may name the case's
// values as {{case_number}}, {{customer_name}}, {{order_number}}, {{shop_name}} and
// {{decision_date}}; they are filled in for the case at hand and nothing else is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace reclaim {

inline constexpr std::size_t kCannedTitleMaxBytes = 200;
inline constexpr std::size_t kCannedBodyMaxBytes = 8000;  // a staff message's own limit
inline constexpr std::size_t kCannedRepliesPerShop = 500;

inline constexpr std::string_view kCannedPlaceholders[] = {
    "case_number", "customer_name", "order_number", "shop_name", "decision_date"};

struct CannedReply {
  std::string id;  // "r_…"
  std::string shop;
  std::string locale;  // pl, en or ru
  std::string reason;  // a complaint reason it suits; "" for any
  std::string title;
  std::string body;
  UnixMs updated_at = 0;
  std::string updated_by;  // the staff member who saved it last ("" for a host or reclaimctl)
};

// The first placeholder `body` names that is not one of kCannedPlaceholders, or an opening
// "{{" without its closing braces; nullopt when every one is known.
std::optional<std::string> unknown_placeholder(std::string_view body);

// The values of one case, in the reply's language.
struct CannedValues {
  std::string case_number, customer_name, order_number, shop_name, decision_date;
};

// `body` with each placeholder replaced by its value (plain text: the page escapes it).
std::string fill_canned_reply(std::string_view body, const CannedValues &values);

enum class CannedOp { list, save, remove, render };
inline constexpr std::string_view kCannedOps[] = {"list", "save", "remove", "render"};

// reclaim_canned_replies' request: list a shop's replies (optionally for one language and
// reason), save one (a new id when it has none), remove one, or render one for a case.
struct CannedRequest {
  CannedOp op = CannedOp::list;
  std::string shop = "default";
  std::string locale;  // list and render: "" for any / the case's language
  std::string reason;  // list: "" for any
  CannedReply reply;   // save
  std::string id;      // remove, render
  std::string case_ref;  // render
};

struct CannedAnswer {
  CannedOp op = CannedOp::list;
  std::vector<CannedReply> replies;  // list
  CannedReply reply;                 // save, render (its title)
  std::string text;                  // render: the body filled in for the case
};

}  // namespace reclaim
