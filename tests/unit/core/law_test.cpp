// Statutory deadlines, table-driven: each row cites the rule it checks. Days are counted as the
// civil codes say (PL KC art. 111 §2, 115; RU ГК ст. 191, 193): the day of the event does not
// count, the period ends at the end of its last day in the shop's zone, and a last day that is a
// Saturday (PL), Sunday or public holiday moves to the next working day. Expected dates were
// worked out by hand from the calendar.
#include <gtest/gtest.h>

#include "core/actions.hpp"
#include "core/basis.hpp"
#include "core/deadlines.hpp"
#include "core/error.hpp"

namespace reclaim {
namespace {

struct LegalCase {
  const char *rule;  // what the row checks, and where the law says so
  Jurisdiction jurisdiction;
  Kind kind;
  const char *party;
  const char *preferred;
  const char *opened;    // RFC 3339
  const char *decision;  // expected decision_due
  bool statutory;
  bool deemed;
  const char *basis_contains;
  std::vector<const char *> extra_days_off = {};
  std::vector<const char *> extra_working_days = {};
  bool quality_check = false;
};

const char *zone_of(Jurisdiction j) {
  switch (j) {
    case Jurisdiction::pl: return "Europe/Warsaw";
    case Jurisdiction::ru: return "Europe/Moscow";
    case Jurisdiction::eu: return "Europe/Berlin";
    default: return "UTC";
  }
}

constexpr auto PL = Jurisdiction::pl;
constexpr auto RU = Jurisdiction::ru;
constexpr auto EU = Jurisdiction::eu;
constexpr auto NONE = Jurisdiction::none;
constexpr auto C = Kind::complaint;
constexpr auto R = Kind::return_;

const LegalCase kLegalCases[] = {
    // Poland: u.p.k. art. 7a, 14 days to answer a consumer complaint, silence = acceptance.
    {"PL 7a: plain 14 days, Mon to Mon", PL, C, "consumer", "repair", "2026-11-02T09:00:00Z",
     "2026-11-16T22:59:59Z", true, true, "art. 7a"},
    {"PL 7a: received on a Friday before the 1-3 May holiday weekend; day 14 is 1 May (holiday),"
     " then Saturday, then 3 May (holiday): Monday 4 May",
     PL, C, "consumer", "repair", "2026-04-17T10:00:00Z", "2026-05-04T21:59:59Z", true, true,
     "art. 7a"},
    {"PL KC 115: day 14 is a Saturday, moves to Monday", PL, C, "consumer", "replacement",
     "2026-11-07T10:00:00Z", "2026-11-23T22:59:59Z", true, true, "art. 7a"},
    {"PL KC 115: day 14 is 11 November (Independence Day)", PL, C, "consumer", "refund",
     "2026-10-28T10:00:00Z", "2026-11-12T22:59:59Z", true, true, "art. 7a"},
    {"PL: across New Year: day 14 is 1 January, then the weekend", PL, C, "consumer", "repair",
     "2026-12-18T10:00:00Z", "2027-01-04T22:59:59Z", true, true, "art. 7a"},
    {"PL: 24 December is a holiday from 2025, then 25, 26 and Sunday", PL, C, "consumer",
     "repair", "2026-12-10T10:00:00Z", "2026-12-28T22:59:59Z", true, true, "art. 7a"},
    {"PL: Easter Monday 2027 (29 March), computed from Easter; CEST after 28 March", PL, C,
     "consumer", "repair", "2027-03-15T10:00:00Z", "2027-03-30T21:59:59Z", true, true,
     "art. 7a"},
    {"PL: Corpus Christi 2026 (Easter + 60 = 4 June)", PL, C, "consumer", "repair",
     "2026-05-21T10:00:00Z", "2026-06-05T21:59:59Z", true, true, "art. 7a"},
    {"PL: 15 August 2026 is a Saturday and a holiday", PL, C, "consumer", "repair",
     "2026-08-01T10:00:00Z", "2026-08-17T21:59:59Z", true, true, "art. 7a"},
    {"PL: Epiphany (6 January)", PL, C, "consumer", "repair", "2026-12-23T10:00:00Z",
     "2027-01-07T22:59:59Z", true, true, "art. 7a"},
    {"PL: received on New Year's Eve, 14 days into January", PL, C, "consumer", "repair",
     "2026-12-31T10:00:00Z", "2027-01-14T22:59:59Z", true, true, "art. 7a"},
    {"PL: All Saints' Day 2027 is a Monday; DST ended the day before", PL, C, "consumer",
     "repair", "2027-10-18T10:00:00Z", "2027-11-02T22:59:59Z", true, true, "art. 7a"},
    {"PL: Good Friday is a working day", PL, C, "consumer", "repair", "2026-03-20T10:00:00Z",
     "2026-04-03T21:59:59Z", true, true, "art. 7a"},
    {"PL DST: opened in CET (UTC+1), due in CEST (UTC+2)", PL, C, "consumer", "repair",
     "2026-03-16T10:00:00Z", "2026-03-30T21:59:59Z", true, true, "art. 7a"},
    {"PL DST: opened in CEST, due in CET after 25 October", PL, C, "consumer", "repair",
     "2026-10-20T10:00:00Z", "2026-11-03T22:59:59Z", true, true, "art. 7a"},
    {"PL zone: 23:30 UTC on 9 November is already 10 November in Warsaw", PL, C, "consumer",
     "repair", "2026-11-09T23:30:00Z", "2026-11-24T22:59:59Z", true, true, "art. 7a"},
    {"PL month end: 17 October + 14 = 31 October (Saturday), 1 November (Sunday, holiday)", PL,
     C, "consumer", "repair", "2026-10-17T10:00:00Z", "2026-11-02T22:59:59Z", true, true,
     "art. 7a"},
    {"PL: the shop's extra day off (31 December) then New Year and the weekend", PL, C,
     "consumer", "repair", "2026-12-17T10:00:00Z", "2027-01-04T22:59:59Z", true, true,
     "art. 7a", {"2026-12-31"}},
    {"PL: a Saturday the shop declares a working day ends the period", PL, C, "consumer",
     "repair", "2026-11-07T10:00:00Z", "2026-11-21T22:59:59Z", true, true, "art. 7a", {},
     {"2026-11-21"}},
    {"PL u.p.k. 7aa: a sole trader buying outside their profession gets consumer rules", PL, C,
     "sole_trader", "repair", "2026-11-02T09:00:00Z", "2026-11-16T22:59:59Z", true, true,
     "art. 7a"},
    {"PL KC 563: business buyers get no deemed acceptance; the shop's target applies", PL, C,
     "business", "repair", "2026-11-02T09:00:00Z", "2026-11-16T22:59:59Z", false, false,
     "shop target"},
    {"PL u.p.k. 32: refund within 14 days of the withdrawal", PL, R, "consumer", "refund",
     "2026-11-02T09:00:00Z", "2026-11-16T22:59:59Z", true, false, "art. 32"},
    {"PL u.p.k. 32: refund period ending on a Saturday", PL, R, "consumer", "refund",
     "2026-11-07T09:00:00Z", "2026-11-23T22:59:59Z", true, false, "art. 32"},
    // Russia: ЗоЗПП ст. 20-22, 26.1; ГК ст. 193 (non-working days); Moscow has no DST.
    {"RU 22: 10 days for a refund demand", RU, C, "consumer", "refund", "2026-11-02T09:00:00Z",
     "2026-11-12T20:59:59Z", true, false, "ст. 22"},
    {"RU 22: a price reduction has the same 10 days", RU, C, "consumer", "price_reduction",
     "2026-11-02T09:00:00Z", "2026-11-12T20:59:59Z", true, false, "ст. 22"},
    {"RU 21: 7 days for a replacement", RU, C, "consumer", "replacement",
     "2026-11-02T09:00:00Z", "2026-11-09T20:59:59Z", true, false, "ст. 21"},
    {"RU 21: 20 days with a quality check; day 20 is a Sunday", RU, C, "consumer",
     "replacement", "2026-11-02T09:00:00Z", "2026-11-23T20:59:59Z", true, false, "ст. 21", {},
     {}, true},
    {"RU 21: day 7 is 23 February (Defender of the Fatherland Day)", RU, C, "consumer",
     "replacement", "2027-02-16T09:00:00Z", "2027-02-24T20:59:59Z", true, false, "ст. 21"},
    {"RU 20: repair within at most 45 days", RU, C, "consumer", "repair",
     "2026-11-02T09:00:00Z", "2026-12-17T20:59:59Z", true, false, "ст. 20"},
    {"RU 22: no preference stated: the 10 days of a refund demand", RU, C, "consumer", "",
     "2026-11-02T09:00:00Z", "2026-11-12T20:59:59Z", true, false, "ст. 22"},
    {"RU ГК 193: day 10 is 4 November (Unity Day)", RU, C, "consumer", "refund",
     "2026-10-25T09:00:00Z", "2026-11-05T20:59:59Z", true, false, "ст. 22"},
    {"RU ТК 112: 1-8 January, then the weekend", RU, C, "consumer", "refund",
     "2026-12-25T09:00:00Z", "2027-01-11T20:59:59Z", true, false, "ст. 22"},
    {"RU ТК 112: 12 June 2027 falls on a Saturday; the day off moves to Monday 14 June", RU, C,
     "consumer", "refund", "2027-06-04T09:00:00Z", "2027-06-15T20:59:59Z", true, false,
     "ст. 22"},
    {"RU: a government transfer configured as an extra day off", RU, C, "consumer", "refund",
     "2026-11-02T09:00:00Z", "2026-11-13T20:59:59Z", true, false, "ст. 22", {"2026-11-12"}},
    {"RU zone: Moscow has no DST: the same UTC+3 in March", RU, C, "consumer", "refund",
     "2026-03-20T09:00:00Z", "2026-03-30T20:59:59Z", true, false, "ст. 22"},
    {"RU zone: and in October", RU, C, "consumer", "refund", "2026-10-20T09:00:00Z",
     "2026-10-30T20:59:59Z", true, false, "ст. 22"},
    {"RU 26.1: refund within 10 days of a distance-sale return", RU, R, "consumer", "refund",
     "2026-11-02T09:00:00Z", "2026-11-12T20:59:59Z", true, false, "ст. 26.1"},
    {"RU: a business buyer is not a consumer: the shop's target", RU, C, "business", "refund",
     "2026-11-02T09:00:00Z", "2026-11-12T20:59:59Z", false, false, "shop target"},
    // EU baseline: CRD art. 13 refund; SGD art. 14 "reasonable period" is the shop's target.
    {"EU CRD 13: refund within 14 days; Saturday moves to Monday", EU, R, "consumer", "refund",
     "2026-11-07T09:00:00Z", "2026-11-23T22:59:59Z", true, false, "art. 13"},
    {"EU CRD 13: refund period ending on a Sunday", EU, R, "consumer", "refund",
     "2026-11-08T09:00:00Z", "2026-11-23T22:59:59Z", true, false, "art. 13"},
    {"EU SGD 14: no statutory answer period: the shop's target, not deemed", EU, C, "consumer",
     "repair", "2026-11-02T09:00:00Z", "2026-11-16T22:59:59Z", false, false, "2019/771"},
    {"none: the shop's target only", NONE, C, "business", "repair", "2026-11-02T09:00:00Z",
     "2026-11-16T23:59:59Z", false, false, "shop target"},
};

std::set<Day> days_of(const std::vector<const char *> &texts) {
  std::set<Day> days;
  for (const char *text : texts) days.insert(*parse_day(text));
  return days;
}

TEST(Law, DecisionDeadlinesFollowTheStatutes) {
  for (const auto &row : kLegalCases) {
    SCOPED_TRACE(row.rule);
    Policy policy = preset_policy(row.jurisdiction);
    policy.holidays_extra = days_of(row.extra_days_off);
    policy.holidays_working = days_of(row.extra_working_days);
    policy.replacement_quality_check = row.quality_check;
    if (row.jurisdiction == RU) policy.decision_days = 10;
    const Zone zone(zone_of(row.jurisdiction));
    const Deadlines deadlines = compute_deadlines(policy, row.kind, row.party, row.preferred,
                                                  *parse_rfc3339(row.opened), zone);
    ASSERT_TRUE(deadlines.decision_due);
    EXPECT_EQ(format_rfc3339(*deadlines.decision_due), row.decision);
    EXPECT_EQ(deadlines.statutory, row.statutory);
    EXPECT_EQ(deadlines.deemed_on_expiry, row.deemed);
    EXPECT_NE(deadlines.basis.find(row.basis_contains), std::string::npos) << deadlines.basis;
    EXPECT_GE(*deadlines.resolution_due, *deadlines.decision_due);
    EXPECT_EQ(*deadlines.first_response_due,
              *parse_rfc3339(row.opened) + policy.first_response_hours * kMsPerHour);
  }
  EXPECT_GE(std::size(kLegalCases), 40u);
}

TEST(Law, EasterAndHolidaysAreComputedPerYear) {
  EXPECT_EQ(format_day(easter_sunday(2024)), "2024-03-31");
  EXPECT_EQ(format_day(easter_sunday(2025)), "2025-04-20");
  EXPECT_EQ(format_day(easter_sunday(2026)), "2026-04-05");
  EXPECT_EQ(format_day(easter_sunday(2027)), "2027-03-28");
  EXPECT_EQ(format_day(easter_sunday(2038)), "2038-04-25");  // the latest possible date
  const Calendar pl(Country::pl);
  EXPECT_EQ(pl.public_holidays(2026).size(), 14u);  // 13 + 24 December from 2025
  EXPECT_EQ(pl.public_holidays(2024).size(), 13u);
  EXPECT_TRUE(pl.public_holiday(*parse_day("2026-05-24")));   // Pentecost
  EXPECT_FALSE(pl.working_day(*parse_day("2026-11-21")));     // Saturday
  const Calendar ru(Country::ru);
  EXPECT_TRUE(ru.public_holiday(*parse_day("2027-06-14")));   // moved from Saturday
  EXPECT_TRUE(ru.working_day(*parse_day("2026-12-31")));
  EXPECT_FALSE(ru.working_day(*parse_day("2026-03-09")));  // 8 March 2026 is a Sunday
}

TEST(Law, MonthsClampToTheLastDayOfAShorterMonth) {
  EXPECT_EQ(format_day(add_months(*parse_day("2026-11-30"), 3)), "2027-02-28");
  EXPECT_EQ(format_day(add_months(*parse_day("2027-11-30"), 3)), "2028-02-29");
  EXPECT_EQ(format_day(add_months(*parse_day("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(format_day(add_months(*parse_day("2024-11-25"), 24)), "2026-11-25");
}

TEST(Law, RuleSetsApplyFromTheirDates) {
  const auto before = rules_in_force(RU, *parse_day("2026-01-31"));
  const auto after = rules_in_force(RU, *parse_day("2026-02-01"));
  ASSERT_TRUE(before && after);
  EXPECT_FALSE(before->penalty_capped_at_price);
  EXPECT_TRUE(after->penalty_capped_at_price);
  EXPECT_FALSE(rules_in_force(PL, *parse_day("2026-06-18"))->withdrawal_function);
  EXPECT_TRUE(rules_in_force(PL, *parse_day("2026-06-19"))->withdrawal_function);
  EXPECT_EQ(rules_in_force(NONE, *parse_day("2026-06-19")), nullptr);
}

Case ru_refund_case(const char *opened, const char *price) {
  Policy policy = preset_policy(RU);
  const Zone zone("Europe/Moscow");
  Case subject;
  subject.created_at = *parse_rfc3339(opened);
  subject.state = State::in_review;
  subject.deadlines = compute_deadlines(policy, C, "consumer", "refund", subject.created_at, zone);
  CaseItem item;
  item.qty = 1;
  item.unit_price = Money{*Decimal::parse(price), "RUB"};
  subject.items.push_back(item);
  return subject;
}

TEST(Law, RussianPenaltyAccruesOnePercentPerDayCappedAtThePrice) {
  const Zone zone("Europe/Moscow");
  // ст. 22: due 12 November; 8 days late on 20 November: 8 % of 1000.00.
  Case late = ru_refund_case("2026-11-02T09:00:00Z", "1000.00");
  EXPECT_FALSE(accrued_penalty(late, *parse_rfc3339("2026-11-12T20:00:00Z"), zone));
  auto penalty = accrued_penalty(late, *parse_rfc3339("2026-11-20T09:00:00Z"), zone);
  ASSERT_TRUE(penalty);
  EXPECT_EQ(penalty->days, 8);
  EXPECT_EQ(amount_text(penalty->amount.amount, "RUB"), "80.00");
  // 150 days late: 150 % of the price, capped at the price since 2026-02-01 (500-ФЗ).
  penalty = accrued_penalty(late, *parse_rfc3339("2027-04-11T09:00:00Z"), zone);
  ASSERT_TRUE(penalty);
  EXPECT_EQ(amount_text(penalty->amount.amount, "RUB"), "1000.00");
  // The cap applies to cases opened from 1 February 2026, Moscow time: 23:59:59 on 31 January
  // is still under the earlier rules, midnight is not.
  EXPECT_TRUE(ru_refund_case("2026-01-31T21:00:00Z", "1000.00").deadlines.penalty_capped);
  Case old = ru_refund_case("2026-01-31T20:59:59Z", "1000.00");
  EXPECT_FALSE(old.deadlines.penalty_capped);
  penalty = accrued_penalty(old, *old.deadlines.decision_due + 150 * kMsPerDay, zone);
  ASSERT_TRUE(penalty);
  EXPECT_EQ(amount_text(penalty->amount.amount, "RUB"), "1500.00");
  // Odd prices round half up to kopecks: 3 days of 1 % of 33.35 = 1.0005 → 1.00.
  Case odd = ru_refund_case("2026-11-02T09:00:00Z", "33.35");
  penalty = accrued_penalty(odd, *parse_rfc3339("2026-11-15T09:00:00Z"), zone);
  ASSERT_TRUE(penalty);
  EXPECT_EQ(amount_text(penalty->amount.amount, "RUB"), "1.00");
  // Paid (resolved) before the deadline: nothing; rejected: nothing.
  Case paid = late;
  paid.resolved_at = *parse_rfc3339("2026-11-10T09:00:00Z");
  EXPECT_FALSE(accrued_penalty(paid, *parse_rfc3339("2026-11-20T09:00:00Z"), zone));
  Case rejected = late;
  rejected.state = State::rejected;
  EXPECT_FALSE(accrued_penalty(rejected, *parse_rfc3339("2026-11-20T09:00:00Z"), zone));
}

TEST(Law, PolishComplaintIsDeemedAcceptedOnlyAfterTheDeadline) {
  Policy policy = preset_policy(PL);
  const Zone zone("Europe/Warsaw");
  Case subject;
  subject.created_at = *parse_rfc3339("2026-11-02T09:00:00Z");
  subject.preferred_resolution = "replacement";
  subject.deadlines = compute_deadlines(policy, C, "consumer", "replacement", subject.created_at, zone);
  CaseItem item;
  item.item = 1;
  item.line = "1";
  item.qty = 2;
  subject.items.push_back(item);
  Case early = subject;
  EXPECT_THROW(deem_accepted(early, *subject.deadlines.decision_due), Error);
  const Outcome outcome = deem_accepted(subject, *subject.deadlines.decision_due + 1000);
  EXPECT_EQ(subject.state, State::accepted);
  EXPECT_TRUE(subject.deemed);
  EXPECT_EQ(subject.items[0].decision.resolution->type, ResolutionType::replacement);
  EXPECT_EQ(subject.items[0].decision.qty, 2);
  EXPECT_EQ(outcome.history.action, "deemed_acceptance");
  EXPECT_TRUE(outcome.history.customer_visible);
  EXPECT_NE(std::string(outcome.history.data.at("basis").as_string()).find("art. 7a"),
            std::string::npos);
  EXPECT_THROW(deem_accepted(subject, *subject.deadlines.decision_due + 2000), Error);
}

TEST(Law, AlertsComeBeforeEachUnmetDeadlineAndAtItsBreach) {
  Policy policy = preset_policy(PL);
  const Zone zone("Europe/Warsaw");
  Case subject;
  subject.created_at = *parse_rfc3339("2026-11-02T09:00:00Z");
  subject.deadlines = compute_deadlines(policy, C, "consumer", "repair", subject.created_at, zone);
  auto alerts = pending_alerts(subject, {72, 24});
  // first response: 24 h before it is the opening itself (skipped), breach; decision: 72 h,
  // 24 h, breach; resolution: the same three.
  ASSERT_EQ(alerts.size(), 7u);
  EXPECT_TRUE(std::is_sorted(alerts.begin(), alerts.end(),
                             [](const Alert &a, const Alert &b) { return a.at < b.at; }));
  subject.first_response_at = subject.created_at + kMsPerHour;
  subject.state = State::accepted;
  alerts = pending_alerts(subject, {72, 24});
  ASSERT_EQ(alerts.size(), 3u);  // only the resolution remains
  for (const auto &alert : alerts) EXPECT_EQ(alert.deadline, Deadline::resolution);
}

}  // namespace
}  // namespace reclaim

namespace reclaim {
namespace {

// Pages translate a citation by its key, so every citation the engine writes must give one back.
TEST(Basis, EveryStatutoryCitationHasAKeyThatReadsBack) {
  int periods = 0;
  for (const auto jurisdiction : {Jurisdiction::pl, Jurisdiction::eu, Jurisdiction::ru}) {
    for (const RuleSet *rules : rule_history(jurisdiction)) {
      for (const auto *period : {&rules->withdrawal, &rules->withdrawal_refund,
                                 &rules->complaint_answer, &rules->refund_demand,
                                 &rules->replacement, &rules->replacement_with_check,
                                 &rules->repair}) {
        if (!*period) continue;
        ++periods;
        ASSERT_FALSE((*period)->key.empty()) << (*period)->basis;
        const auto key = basis_key((*period)->basis);
        ASSERT_TRUE(key) << (*period)->basis;
        EXPECT_EQ(key->key, (*period)->key);
      }
    }
  }
  EXPECT_GT(periods, 10);
}

TEST(Basis, GeneratedCitationsReadBackWithTheirNumber) {
  const auto check = [](const std::string &citation, const char *key, int number) {
    const auto found = basis_key(citation);
    ASSERT_TRUE(found) << citation;
    EXPECT_EQ(found->key, key) << citation;
    EXPECT_EQ(found->number, number) << citation;
  };
  check(shop_target_basis(14, false), "shop_target", 14);
  check(shop_target_basis(30, true), "shop_target_reasonable", 30);
  check(shop_return_window_basis(100), "shop_return_window", 100);
  check(statutory_guarantee_basis(24), "statutory_guarantee", 24);
  check(shop_guarantee_basis(12), "shop_guarantee", 12);
}

TEST(Basis, OtherTextHasNoKey) {
  for (const char *text : {"", "shop target: a decision within days", "shop target: a decision "
                           "within 14 days and more", "shop policy: return_window_days x",
                           "shop policy: guarantee_months 99999999999999999999", "PL u.p.k."}) {
    EXPECT_FALSE(basis_key(text)) << text;
  }
}

}  // namespace
}  // namespace reclaim
