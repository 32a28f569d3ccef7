// Reports on a generated history of a few thousand cases, written straight through storage,
// checked against a plain computation in this file (filter, count, sort) for every grouping.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <set>

#include "codec/case_json.hpp"
#include "codec/report_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/documents.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr UnixMs kHour = kMsPerHour;
UnixMs at(const char *text) { return *parse_rfc3339(text); }

struct Sku {
  std::string sku, category, supplier;
};
const std::vector<Sku> kSkus = {{"KET-1", "kitchen", "Elektro"},
                                {"KET-2", "kitchen", "Elektro"},
                                {"TOS-1", "kitchen", "Grill"},
                                {"MUG-1", "tableware", "Ceramika"},
                                {"MUG-2", "tableware", "Ceramika"},
                                {"PAN-1", "kitchen", "Grill"},
                                {"LAMP-1", "", ""},
                                {"RARE-1", "garden", "Ogród"}};
const std::vector<std::string> kEmails = {"a@x.pl", "b@x.pl", "c@x.pl", "d@x.pl",
                                          "e@x.pl", "f@x.pl", "g@x.pl", "h@x.pl"};

struct Generated {
  std::vector<Order> orders;
  std::vector<std::pair<std::string, Case>> cases;  // shop, case; in insertion order
};

Generated generate(int case_count) {
  std::mt19937 random(20261101);
  const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  Generated g;
  const UnixMs start = at("2026-10-20T00:00:00Z"), span = 60 * kMsPerDay;
  for (int i = 0; i < 250; ++i) {
    Order o;
    o.id = "O" + std::to_string(i);
    o.number = "#" + o.id;
    o.currency = "PLN";
    o.placed_at = start + (static_cast<UnixMs>(random()) % span);
    o.customer.email = kEmails[static_cast<std::size_t>(pick(8))];
    const int lines = 1 + pick(3);
    for (int l = 0; l < lines; ++l) {
      const Sku &s = kSkus[static_cast<std::size_t>(pick(static_cast<int>(kSkus.size()) - 1))];
      OrderLine line;
      line.id = std::to_string(l + 1);
      line.sku = s.sku;
      line.name = s.sku;
      line.category = s.category;
      line.supplier = s.supplier;
      line.qty = 1 + pick(6);
      line.unit_price = Decimal::from_units((1 + pick(30000)) * 10'000);
      o.lines.push_back(line);
    }
    g.orders.push_back(o);
  }
  std::vector<UnixMs> created;
  for (int i = 0; i < case_count; ++i) {
    // Some exactly on local midnights and half hours, the edges periods cut at.
    UnixMs t = start + (static_cast<UnixMs>(random()) % span);
    if (i % 7 == 0) t -= t % (kHour / 2);
    created.push_back(t);
  }
  std::sort(created.begin(), created.end());
  static const char *kChannels[] = {"web", "email", "phone", "api"};
  static const char *kReasons[] = {"defect", "wrong_item", "changed_mind", "transport_damage"};
  static const char *kAssignees[] = {"", "anna", "piotr"};
  static const char *kCurrencies[] = {"PLN", "EUR", "USD"};
  for (int i = 0; i < case_count; ++i) {
    Case c;
    c.id = "c_gen" + std::to_string(100000 + i);
    c.number = "RC-2026-" + std::to_string(100000 + i);
    c.shop = i % 10 == 9 ? "other" : "default";
    c.kind = pick(3) == 0 ? Kind::return_ : Kind::complaint;
    c.channel = kChannels[pick(4)];
    c.created_at = created[static_cast<std::size_t>(i)];
    c.updated_at = c.created_at;
    c.assignee = kAssignees[pick(3)];
    c.deadlines.decision_due = c.created_at + (3 + pick(12)) * kMsPerDay;
    const bool with_order = pick(5) != 0;
    if (with_order) {
      const Order &o = g.orders[static_cast<std::size_t>(pick(static_cast<int>(g.orders.size())))];
      c.order_id = o.id;
      c.customer.email =
          pick(4) == 0 ? kEmails[static_cast<std::size_t>(pick(8))] : o.customer.email;
      const std::size_t first = static_cast<std::size_t>(pick(static_cast<int>(o.lines.size())));
      for (std::size_t l = first; l < o.lines.size() && l < first + 2; ++l) {
        CaseItem item;
        item.item = static_cast<int>(c.items.size()) + 1;
        item.line = o.lines[l].id;
        item.sku = o.lines[l].sku;
        item.qty = 1 + pick(static_cast<int>(o.lines[l].qty));
        item.unit_price = Money{o.lines[l].unit_price, "PLN"};
        item.reason = kReasons[pick(4)];
        c.items.push_back(item);
      }
    } else {
      c.customer.email = kEmails[static_cast<std::size_t>(pick(8))];
      CaseItem item;
      item.item = 1;
      item.sku = pick(2) ? "RARE-1" : "LAMP-1";
      item.qty = 1 + pick(2);
      item.unit_price = Money{Decimal::from_units((1 + pick(9999)) * 10'000), kCurrencies[pick(3)]};
      item.reason = kReasons[pick(4)];
      c.items.push_back(item);
    }
    if (pick(3) != 0) c.first_response_at = c.created_at + pick(72 * 60) * 60'000;
    switch (pick(7)) {
      case 0: c.state = State::received; break;
      case 1: c.state = State::cancelled; break;
      case 2:
        c.state = State::in_review;
        c.reopened = 1;
        break;  // reopened, awaiting a new decision
      default: {
        c.decided_at = c.created_at + pick(20 * 24 * 60) * 60'000;
        const bool accept = pick(3) != 0;
        for (auto &item : c.items) {
          if (accept && pick(4) != 0) {
            item.decision.outcome = ItemDecision::Outcome::accepted;
            item.decision.qty = item.qty;
            if (pick(2)) {
              item.decision.resolution = Resolution{
                  ResolutionType::refund,
                  Money{item.unit_price->amount.times(item.qty), item.unit_price->currency}};
            } else {
              item.decision.resolution = Resolution{ResolutionType::replacement, std::nullopt};
            }
          } else {
            item.decision.outcome = ItemDecision::Outcome::rejected;
          }
        }
        const bool any = std::any_of(c.items.begin(), c.items.end(), [](const CaseItem &item) {
          return item.decision.outcome == ItemDecision::Outcome::accepted;
        });
        if (!any) {
          c.state = pick(2) ? State::rejected : State::closed;
        } else if (pick(3) == 0) {
          c.state = State::accepted;
        } else {
          c.resolved_at = *c.decided_at + pick(10 * 24 * 60) * 60'000;
          c.state = pick(2) ? State::resolved : State::closed;
        }
        if (c.state != State::accepted && pick(2))
          c.rating = Rating{1 + pick(5), "", *c.decided_at};
        if (pick(6) == 0) c.reopened = 1;
      }
    }
    g.cases.emplace_back(c.shop, c);
  }
  return g;
}

// ---- The plain computation -------------------------------------------------------------------

std::string local_date(UnixMs t) {
  const date::zoned_time<std::chrono::milliseconds> zoned{
      "Europe/Warsaw", date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{t}}};
  return date::format("%Y-%m-%d", date::floor<date::days>(zoned.get_local_time()));
}

struct Expected {
  std::int64_t opened = 0, decided = 0, resolved = 0, open = 0, overdue = 0, accepted = 0,
               rejected = 0, breaches = 0, ratings = 0, units_claimed = 0;
  std::vector<double> handling, resolution, first_response;  // hours
  std::int64_t on_time = 0, rating_sum = 0, satisfied = 0, can_rate = 0, repeats = 0, reopened = 0;
  std::map<std::string, std::int64_t> refunded_units;  // currency → millionths
  std::map<std::string, std::set<std::string>> reason_cases;
};

void expect_durations(const json::value &actual, std::vector<double> values,
                      const std::string &what) {
  if (values.empty()) {
    EXPECT_TRUE(actual.at("mean").is_null()) << what;
    EXPECT_TRUE(actual.at("p90").is_null()) << what;
    return;
  }
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  const std::size_t n = values.size();
  const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  std::size_t rank = 1;
  while (static_cast<double>(rank) < 0.9 * static_cast<double>(n)) ++rank;
  EXPECT_NEAR(actual.at("mean").as_double(), sum / static_cast<double>(n), 0.0051) << what;
  EXPECT_NEAR(actual.at("median").as_double(), median, 0.0051) << what;
  EXPECT_NEAR(actual.at("p90").as_double(), values[rank - 1], 0.0051) << what;
}

void expect_rate(const json::value &actual, std::int64_t part, std::int64_t whole,
                 const std::string &what) {
  if (whole == 0) {
    EXPECT_TRUE(actual.is_null()) << what;
  } else {
    ASSERT_TRUE(actual.is_double()) << what;
    EXPECT_NEAR(actual.as_double(), static_cast<double>(part) / static_cast<double>(whole),
                0.000051)
        << what;
  }
}

class GeneratedHistory : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() { generated_ = generate(3000); }

  // One database per backend, filled through the storage layer the first time it is needed.
  void SetUp() override {
    static std::map<std::string, std::string> databases;
    std::string &database = databases[GetParam()];
    if (database.empty()) {
      database = test::fresh_database(GetParam());
      StorageConfig storage;
      storage.database = database;
      Store store(storage);
      store.write([&](Tx &tx) {
        for (const auto &o : generated_.orders) tx.put_order("default", o, 0);
        for (const auto &[shop, c] : generated_.cases) tx.insert_case(c);
      });
    }
    database_ = database;
  }

  json::object report(const std::string &query) {
    EngineConfig config;
    config.storage.database = database_;
    config.manual_clock = true;
    ShopConfig main, other;
    main.timezone = "Europe/Warsaw";
    other.id = "other";
    config.shops = {main, other};
    Engine engine(config);
    engine.set_clock(now_);
    return codec::to_json(engine.report(codec::report_query_from_json(json::parse(query))));
  }

  // The groups a case belongs to and, per group, which of its items.
  static std::map<std::string, std::vector<const CaseItem *>> keys_of(const Case &c,
                                                                      const std::string &grouping) {
    std::map<std::string, std::vector<const CaseItem *>> out;
    const auto all_items = [&](const std::string &key) {
      for (const auto &item : c.items) out[key].push_back(&item);
    };
    const auto line_of = [&](const CaseItem &item) -> const Sku * {
      for (const auto &s : kSkus) {
        if (s.sku == item.sku) return &s;
      }
      return nullptr;
    };
    if (grouping == "none") all_items("all");
    if (grouping == "channel") all_items(c.channel);
    if (grouping == "kind") all_items(c.kind == Kind::return_ ? "return" : "complaint");
    if (grouping == "assignee") all_items(c.assignee.empty() ? "unassigned" : c.assignee);
    if (grouping == "day") all_items(local_date(c.created_at));
    if (grouping == "month") all_items(local_date(c.created_at).substr(0, 7));
    for (const auto &item : c.items) {
      // Items without an order carry no category or supplier.
      const Sku *s = c.order_id.empty() ? nullptr : line_of(item);
      const auto unknown = [](const std::string &t) { return t.empty() ? "unknown" : t; };
      if (grouping == "reason") out[item.reason].push_back(&item);
      if (grouping == "sku") out[item.sku].push_back(&item);
      if (grouping == "category") out[unknown(s ? s->category : "")].push_back(&item);
      if (grouping == "supplier") out[unknown(s ? s->supplier : "")].push_back(&item);
      if (grouping == "resolution") {
        const bool accepted = item.decision.outcome == ItemDecision::Outcome::accepted;
        out[accepted ? std::string(name(item.decision.resolution->type)) : "none"].push_back(&item);
      }
    }
    return out;
  }

  void check(const std::string &grouping, const std::string &from, const std::string &to,
             const std::string &kind = "") {
    SCOPED_TRACE(grouping + " " + from + ".." + to + " " + kind);
    std::string query = R"({"shop":"default","from":")" + from + R"(","to":")" + to +
                        R"(","group_by":")" + grouping + R"(","min_units_sold":5)";
    if (!kind.empty()) query += R"(,"kind":")" + kind + "\"";
    const auto result = report(query + "}");

    std::map<std::string, Expected> expected;
    std::set<std::pair<std::string, std::string>> seen;  // (order, email) of earlier cases
    for (const auto &[shop, c] : generated_.cases) {
      const bool repeat = !c.order_id.empty() && seen.count({c.order_id, c.customer.email});
      if (shop == "default" && !c.order_id.empty()) seen.insert({c.order_id, c.customer.email});
      if (shop != "default") continue;
      const std::string day = local_date(c.created_at);
      if (day < from || day > to) continue;
      if (!kind.empty() && kind != (c.kind == Kind::return_ ? "return" : "complaint")) continue;
      for (const auto &[key, items] : keys_of(c, grouping)) {
        Expected &e = expected[key];
        ++e.opened;
        if (c.decided_at) {
          ++e.decided;
          const bool accepted =
              std::any_of(c.items.begin(), c.items.end(), [](const CaseItem &item) {
                return item.decision.outcome == ItemDecision::Outcome::accepted;
              });
          ++(accepted ? e.accepted : e.rejected);
          e.handling.push_back(static_cast<double>(*c.decided_at - c.created_at) / kHour);
          if (*c.decided_at <= *c.deadlines.decision_due)
            ++e.on_time;
          else
            ++e.breaches;
        } else if (c.state != State::cancelled && *c.deadlines.decision_due < now_) {
          ++e.overdue;
          ++e.breaches;
        }
        if (c.resolved_at) {
          ++e.resolved;
          e.resolution.push_back(static_cast<double>(*c.resolved_at - c.created_at) / kHour);
        }
        if (c.state == State::received || c.state == State::in_review || c.state == State::accepted)
          ++e.open;
        if (c.first_response_at)
          e.first_response.push_back(static_cast<double>(*c.first_response_at - c.created_at) /
                                     kHour);
        if (c.rating) {
          ++e.ratings;
          e.rating_sum += c.rating->score;
          if (c.rating->score >= 4) ++e.satisfied;
        }
        if (c.rating || c.state == State::rejected || c.state == State::resolved ||
            c.state == State::closed)
          ++e.can_rate;
        if (repeat || c.reopened) ++e.repeats;
        if (c.reopened) ++e.reopened;
        for (const CaseItem *item : items) {
          if (c.state != State::cancelled) e.units_claimed += item->qty;
          e.reason_cases[item->reason].insert(c.id);
          const auto &r = item->decision.resolution;
          if (item->decision.outcome == ItemDecision::Outcome::accepted && r &&
              r->type == ResolutionType::refund) {
            e.refunded_units[r->amount->currency] += r->amount->amount.units();
          }
        }
      }
    }
    std::map<std::string, std::int64_t> sold;
    for (const auto &o : generated_.orders) {
      const std::string day = local_date(*o.placed_at);
      if (day < from || day > to) continue;
      for (const auto &line : o.lines) {
        const std::string key = grouping == "sku"        ? line.sku
                                : grouping == "category" ? line.category
                                                         : line.supplier;
        sold[key.empty() ? "unknown" : key] += line.qty;
      }
    }

    const auto &groups = result.at("groups").as_array();
    std::set<std::string> actual_keys;
    for (const auto &value : groups) {
      const auto &group = value.as_object();
      const std::string key(group.at("key").as_string());
      actual_keys.insert(key);
      SCOPED_TRACE(key);
      if (grouping == "day" || grouping == "month") {
        if (!expected.count(key)) {
          EXPECT_EQ(group.at("opened"), 0);
          continue;
        }
      }
      ASSERT_TRUE(expected.count(key));
      const Expected &e = expected.at(key);
      EXPECT_EQ(group.at("opened"), e.opened);
      EXPECT_EQ(group.at("decided"), e.decided);
      EXPECT_EQ(group.at("resolved"), e.resolved);
      EXPECT_EQ(group.at("open"), e.open);
      EXPECT_EQ(group.at("overdue"), e.overdue);
      EXPECT_EQ(group.at("accepted"), e.accepted);
      EXPECT_EQ(group.at("rejected"), e.rejected);
      EXPECT_EQ(group.at("breaches"), e.breaches);
      expect_rate(group.at("acceptance_rate"), e.accepted, e.decided, "acceptance");
      expect_durations(group.at("handling_hours"), e.handling, "handling");
      expect_durations(group.at("resolution_hours"), e.resolution, "resolution");
      expect_durations(group.at("first_response_hours"), e.first_response, "first response");
      expect_rate(group.at("deadline_compliance"), e.on_time, e.decided, "compliance");
      const auto &csat = group.at("csat");
      EXPECT_EQ(csat.at("ratings"), e.ratings);
      if (e.ratings) {
        EXPECT_NEAR(csat.at("mean").as_double(),
                    static_cast<double>(e.rating_sum) / static_cast<double>(e.ratings), 0.0051);
      }
      expect_rate(csat.at("satisfied_share"), e.satisfied, e.ratings, "satisfied");
      expect_rate(csat.at("response_rate"), e.ratings, e.can_rate, "response");
      expect_rate(group.at("repeat_rate"), e.repeats, e.opened, "repeat");
      expect_rate(group.at("reopen_rate"), e.reopened, e.opened, "reopen");
      std::map<std::string, std::int64_t> refunded;
      for (const auto &money : group.at("refunded").as_array()) {
        refunded[std::string(money.at("currency").as_string())] =
            Decimal::parse(money.at("amount").as_string())->units();
      }
      EXPECT_EQ(refunded, e.refunded_units);
      EXPECT_EQ(group.at("units_claimed"), e.units_claimed);
      if (grouping == "sku" || grouping == "category" || grouping == "supplier") {
        const std::int64_t units = sold.count(key) ? sold.at(key) : 0;
        EXPECT_EQ(group.at("units_sold"), units);
        expect_rate(group.at("claim_rate"), e.units_claimed, units, "claim rate");
        EXPECT_EQ(group.at("low_volume"), units < 5);
      } else {
        EXPECT_TRUE(group.at("units_sold").is_null());
      }
      // The top reason is one with the most cases.
      std::size_t most = 0;
      for (const auto &[reason, ids] : e.reason_cases) most = std::max(most, ids.size());
      const auto &top = group.at("top_reasons").as_array();
      ASSERT_FALSE(top.empty());
      EXPECT_EQ(top[0].at("cases"), static_cast<std::int64_t>(most));
      EXPECT_EQ(e.reason_cases.at(std::string(top[0].at("reason").as_string())).size(), most);
    }
    for (const auto &[key, e] : expected) EXPECT_TRUE(actual_keys.count(key)) << key;
  }

  std::string database_;
  static inline Generated generated_;
  const UnixMs now_ = at("2026-12-10T12:00:00Z");
};

TEST_P(GeneratedHistory, EveryGroupingAgreesWithAPlainComputation) {
  for (const char *grouping : {"none", "reason", "sku", "supplier", "category", "channel", "kind",
                               "resolution", "assignee", "day", "month"}) {
    check(grouping, "2026-11-01", "2026-11-30");
  }
  check("none", "2026-10-01", "2026-12-31");
  check("sku", "2026-10-01", "2026-12-31", "complaint");
  check("month", "2026-10-25", "2026-11-03", "return");
}

TEST_P(GeneratedHistory, WeeksAddUpToTheirDays) {
  const auto weeks =
      report(R"({"shop":"default","from":"2026-11-02","to":"2026-11-29","group_by":"week"})");
  const auto days =
      report(R"({"shop":"default","from":"2026-11-02","to":"2026-11-29","group_by":"day"})");
  ASSERT_EQ(weeks.at("groups").as_array().size(), 4u);
  ASSERT_EQ(days.at("groups").as_array().size(), 28u);
  for (std::size_t w = 0; w < 4; ++w) {
    std::int64_t opened = 0;
    for (std::size_t d = 0; d < 7; ++d)
      opened += days.at("groups").as_array()[w * 7 + d].at("opened").as_int64();
    EXPECT_EQ(weeks.at("groups").as_array()[w].at("opened"), opened);
  }
  EXPECT_EQ(weeks.at("groups").as_array()[0].at("key"), "2026-W45");
}

TEST_P(GeneratedHistory, AllShopsTogetherCountBoth) {
  const auto both = report(R"({"from":"2026-11-01","to":"2026-11-30"})");
  std::int64_t expected = 0;
  for (const auto &[shop, c] : generated_.cases) {
    const std::string day = local_date(c.created_at);
    if (day >= "2026-11-01" && day <= "2026-11-30") ++expected;
  }
  // Both shops, November cut in the first shop's zone (Warsaw).
  EXPECT_EQ(both.at("totals").at("opened"), expected);
  EXPECT_TRUE(both.at("shop").is_null());
  const auto other = report(R"({"shop":"other","from":"2026-11-01","to":"2026-11-30"})");
  EXPECT_EQ(other.at("timezone"), "UTC");
  EXPECT_GT(other.at("totals").at("opened").as_int64(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, GeneratedHistory, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

}  // namespace
}  // namespace reclaim
