#include "codec/supplier_claim_json.hpp"

#include "codec/case_json.hpp"
#include "core/supplier_claims.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

std::string text_at(const json::object &o, std::string_view key) {
  const auto *v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<UnixMs> time_at(const json::object &o, std::string_view key) {
  const auto *v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return parse_rfc3339(v->get_string());
}

}  // namespace

json::array supplier_claims_to_json(const std::vector<SupplierClaim> &claims) {
  json::array out;
  for (const auto &claim : claims) out.push_back(supplier_claim_to_json(claim));
  return out;
}

std::vector<SupplierClaim> supplier_claims_of(const json::value &stored) {
  std::vector<SupplierClaim> claims;
  for (const auto &entry : stored.as_array()) {
    const auto &o = entry.as_object();
    SupplierClaim claim;
    claim.claim = static_cast<int>(o.at("claim").to_number<std::int64_t>());
    claim.supplier = text_at(o, "supplier");
    claim.reference = text_at(o, "reference");
    for (const auto &item : o.at("items").as_array()) {
      const auto &i = item.as_object();
      claim.items.push_back({static_cast<int>(i.at("item").to_number<std::int64_t>()),
                             i.at("qty").to_number<std::int64_t>()});
    }
    claim.claimed = money_of(o.at("claimed"));
    claim.note = text_at(o, "note");
    claim.claimed_at = time_at(o, "claimed_at").value_or(0);
    claim.answer_due = time_at(o, "answer_due").value_or(0);
    claim.answer = text_at(o, "answer");
    claim.answered_at = time_at(o, "answered_at");
    if (const auto *recovered = o.if_contains("recovered")) claim.recovered = money_of(*recovered);
    claim.answer_reference = text_at(o, "answer_reference");
    claim.answer_reason = text_at(o, "answer_reason");
    claims.push_back(std::move(claim));
  }
  return claims;
}

void mark_overdue_claims(json::object &case_document, const std::vector<SupplierClaim> &claims,
                         UnixMs now) {
  auto *listed = case_document.if_contains("supplier_claims");
  if (!listed || !listed->is_array()) return;
  auto &entries = listed->get_array();
  for (std::size_t i = 0; i < entries.size() && i < claims.size(); ++i) {
    entries[i].as_object()["overdue"] = claims[i].overdue(now);
  }
}

}  // namespace reclaim::codec
