// Reports: the narrow per-case and per-item rows of a period, fetched in batches through the
// covering indexes of migration 5; the figures are computed in core/report.cpp.
#include <soci/soci.h>

#include <array>
#include <unordered_map>

#include "core/error.hpp"
#include "storage/report_sql.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

constexpr std::size_t kBatch = 4096;

std::optional<long long> maybe(const std::vector<long long> &values,
                               const std::vector<soci::indicator> &nulls, std::size_t i) {
  if (nulls[i] != soci::i_ok) return std::nullopt;
  return values[i];
}

std::optional<Decimal> amount_of(const std::string &text) {
  if (text.empty()) return std::nullopt;
  auto amount = Decimal::parse(text);
  if (!amount) fail(Status::storage, "a stored supplier claim amount is damaged");
  return amount;
}

}  // namespace

// Claims are few next to cases: one statement, read row by row.
void Tx::report_claims(const std::string &shop, const Span &span, std::optional<Kind> kind,
                       ReportFacts &into) {
  long long begin = span.begin, end = span.end;
  const std::string kind_name = kind ? std::string(name(*kind)) : std::string();
  const std::string sql = std::string(kReportClaimsSql) + (kind ? " AND kind = :kind" : "");
  soci::details::prepare_temp_type prepared = (sql_.prepare << sql);
  prepared, soci::use(shop), soci::use(begin), soci::use(end);
  if (kind) prepared, soci::use(kind_name);
  soci::rowset<soci::row> rows(prepared);
  for (const auto &row : rows) {
    ClaimFacts claim;
    claim.supplier = row.get<std::string>(0);
    claim.answer = row.get<std::string>(1);
    claim.answer_due = integer_at(row, 2);
    claim.claimed = amount_of(row.get<std::string>(3));
    claim.claimed_currency = row.get<std::string>(4);
    claim.recovered = amount_of(row.get<std::string>(5));
    claim.recovered_currency = row.get<std::string>(6);
    into.claims.push_back(std::move(claim));
  }
}

void Tx::report_facts(const std::string &shop, const Span &span, std::optional<Kind> kind,
                      Grouping grouping, ReportFacts &into) {
  long long begin = span.begin, end = span.end;
  const std::string kind_name = kind ? std::string(name(*kind)) : std::string();
  const std::size_t first_case = into.cases.size();
  std::unordered_map<std::string, std::size_t> index_of;
  {
    std::vector<std::string> id(kBatch), kinds(kBatch), state(kBatch), channel(kBatch),
        assignee(kBatch), outcome(kBatch);
    std::vector<long long> created(kBatch), due(kBatch), decided(kBatch), resolved(kBatch),
        first(kBatch), rating(kBatch), reopened(kBatch), repeat(kBatch);
    std::vector<soci::indicator> decided_null(kBatch), resolved_null(kBatch), first_null(kBatch),
        rating_null(kBatch);
    const std::string sql = std::string(kReportCasesSql) + (kind ? " AND kind = :kind" : "");
    soci::details::prepare_temp_type prepared = (sql_.prepare << sql);
    prepared, soci::use(shop), soci::use(begin), soci::use(end);
    if (kind) prepared, soci::use(kind_name);
    prepared, soci::into(id), soci::into(created), soci::into(kinds), soci::into(state),
        soci::into(channel), soci::into(assignee), soci::into(due),
        soci::into(decided, decided_null), soci::into(outcome), soci::into(resolved, resolved_null),
        soci::into(first, first_null), soci::into(rating, rating_null), soci::into(reopened),
        soci::into(repeat);
    soci::statement statement(prepared);
    statement.execute();
    while (statement.fetch()) {
      for (std::size_t i = 0; i < id.size(); ++i) {
        CaseFacts c;
        c.created_at = created[i];
        c.kind = parse_word<Kind>(kinds[i], kKindNames).value_or(Kind::complaint);
        c.state = parse_word<State>(state[i], kStateNames).value_or(State::received);
        c.channel = std::move(channel[i]);
        c.assignee = std::move(assignee[i]);
        c.decision_due = due[i];
        c.decided_at = maybe(decided, decided_null, i);
        c.accepted = outcome[i] == "accepted";
        c.resolved_at = maybe(resolved, resolved_null, i);
        c.first_response_at = maybe(first, first_null, i);
        if (const auto score = maybe(rating, rating_null, i)) c.rating = static_cast<int>(*score);
        c.reopened = reopened[i] != 0;
        c.repeat_order = repeat[i] != 0;
        index_of.emplace(std::move(id[i]), into.cases.size());
        into.cases.push_back(std::move(c));
      }
      for (auto *column : {&id, &kinds, &state, &channel, &assignee, &outcome}) {
        column->resize(kBatch);
      }
      for (auto *column :
           {&created, &due, &decided, &resolved, &first, &rating, &reopened, &repeat}) {
        column->resize(kBatch);
      }
      for (auto *column : {&decided_null, &resolved_null, &first_null, &rating_null}) {
        column->resize(kBatch);
      }
    }
  }
  if (into.cases.size() > first_case) {
    std::vector<std::string> case_id(kBatch), sku(kBatch), category(kBatch), supplier(kBatch),
        reason(kBatch), resolution(kBatch), amount(kBatch), currency(kBatch);
    std::vector<long long> qty(kBatch), active(kBatch), restocked(kBatch), quarantined(kBatch),
        scrapped(kBatch), repaired(kBatch), to_supplier(kBatch);
    // In kDispositions' order, as the statement reads them.
    const std::array<std::vector<long long> *, 5> disposed = {&restocked, &quarantined, &scrapped,
                                                              &repaired, &to_supplier};
    soci::statement statement =
        (sql_.prepare << kReportItemsSql, soci::use(shop), soci::use(begin), soci::use(end),
         soci::into(case_id), soci::into(sku), soci::into(category), soci::into(supplier),
         soci::into(reason), soci::into(qty), soci::into(active), soci::into(resolution),
         soci::into(amount), soci::into(currency), soci::into(restocked),
         soci::into(quarantined), soci::into(scrapped), soci::into(repaired),
         soci::into(to_supplier));
    statement.execute();
    while (statement.fetch()) {
      for (std::size_t i = 0; i < case_id.size(); ++i) {
        const auto found = index_of.find(case_id[i]);
        if (found == index_of.end()) continue;  // a case of another kind
        ItemFacts item;
        item.case_index = found->second;
        item.sku = std::move(sku[i]);
        item.category = std::move(category[i]);
        item.supplier = std::move(supplier[i]);
        item.reason = std::move(reason[i]);
        item.resolution = std::move(resolution[i]);
        item.qty = qty[i];
        item.active = active[i] != 0;
        for (std::size_t d = 0; d < disposed.size(); ++d) {
          if ((*disposed[d])[i] > 0) item.disposed[std::string(kDispositions[d])] = (*disposed[d])[i];
        }
        if (!amount[i].empty()) {
          item.refund = Decimal::parse(amount[i]);
          if (!item.refund) fail(Status::storage, "a stored refund amount is damaged");
          item.currency = std::move(currency[i]);
        }
        into.items.push_back(std::move(item));
      }
      for (auto *column :
           {&case_id, &sku, &category, &supplier, &reason, &resolution, &amount, &currency}) {
        column->resize(kBatch);
      }
      for (auto *column : {&qty, &active, &restocked, &quarantined, &scrapped, &repaired,
                           &to_supplier}) {
        column->resize(kBatch);
      }
    }
  }
  report_claims(shop, span, kind, into);
  if (compares_sales(grouping)) {
    soci::rowset<soci::row> rows = (sql_.prepare << units_sold_sql(grouping), soci::use(shop),
                                    soci::use(begin), soci::use(end));
    for (const auto &row : rows) {
      std::string key = row.get<std::string>(0);
      into.units_sold[key.empty() ? "unknown" : key] += integer_at(row, 1);
    }
  }
}

}  // namespace reclaim
