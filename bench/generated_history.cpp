#include "generated_history.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "storage/store.hpp"

namespace bench {

using namespace reclaim;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

void generate_history(const std::string &path, long cases) {
  StorageConfig config;
  config.database = "sqlite:" + path;
  config.pool = 1;
  Store store(config);
  std::mt19937_64 random(7);
  const auto pick = [&](long n) {
    return static_cast<long>(random() % static_cast<unsigned long>(n));
  };
  static const char *kChannels[] = {"web", "email", "phone", "chat", "marketplace", "api"};
  static const char *kReasons[] = {
      "defect",        "transport_damage", "not_as_described", "wrong_item",
      "missing_parts", "changed_mind",     "size_or_fit",      "other"};
  static const char *kAssignees[] = {"", "anna", "piotr", "ola", "jan", "eva"};
  std::vector<Order> recent;  // orders a second case may name
  const auto t0 = Clock::now();
  const long batch = 20'000;
  // A big page cache: the inserts touch a dozen indexes; without it most time goes to re-reading
  // pages from the WAL.
  store.write([](Tx &tx) { tx.session() << "PRAGMA cache_size = -1000000"; });
  for (long done = 0; done < cases; done += batch) {
    store.write([&](Tx &tx) {
      for (long i = done; i < std::min(cases, done + batch); ++i) {
        const UnixMs created =
            kStart + static_cast<UnixMs>(static_cast<double>(i) / static_cast<double>(cases) *
                                         static_cast<double>(kSpan));
        // Sales: a fresh order, which this case names (or, one time in ten, an earlier order).
        for (int extra = 0; extra < 1; ++extra) {
          Order o;
          o.id = "S" + std::to_string(i) + "-" + std::to_string(extra);
          o.number = "#" + o.id;
          o.currency = "PLN";
          o.placed_at = created - pick(20) * kMsPerDay - pick(kMsPerDay);
          o.customer.email = "c" + std::to_string(pick(400'000)) + "@example.pl";
          const long lines = 1 + pick(3);
          for (long l = 0; l < lines; ++l) {
            const long sku = pick(5000);
            OrderLine line;
            line.id = std::to_string(l + 1);
            line.sku = "SKU-" + std::to_string(sku);
            line.name = line.sku;
            line.category = "cat-" + std::to_string(sku % 60);
            line.supplier = "sup-" + std::to_string(sku % 250);
            line.qty = 1 + pick(8);
            line.unit_price = Decimal::from_units((5 + pick(2000)) * 10'000);
            o.lines.push_back(line);
          }
          tx.put_order("default", o, created);
          if (extra == 0) {
            if (recent.size() < 2000)
              recent.push_back(o);
            else
              recent[static_cast<std::size_t>(pick(2000))] = o;
          }
        }
        const Order &o =
            pick(10) == 0 ? recent[static_cast<std::size_t>(pick(static_cast<long>(recent.size())))]
                          : recent.back();
        Case c;
        c.id = "c_b" + std::to_string(1'000'000'000 + i);
        c.number = "RC-" + std::to_string(1'000'000 + i);
        c.shop = "default";
        c.kind = pick(3) == 0 ? Kind::return_ : Kind::complaint;
        c.channel = kChannels[pick(6)];
        c.created_at = created;
        c.updated_at = created;
        c.assignee = kAssignees[pick(6)];
        c.order_id = o.id;
        c.customer.email = o.customer.email;
        c.deadlines.decision_due = created + 14 * kMsPerDay;
        const std::size_t first = static_cast<std::size_t>(pick(static_cast<long>(o.lines.size())));
        const long items = pick(5) == 0 ? 2 : 1;
        for (std::size_t l = first; l < o.lines.size() && static_cast<long>(c.items.size()) < items;
             ++l) {
          CaseItem item;
          item.item = static_cast<int>(c.items.size()) + 1;
          item.line = o.lines[l].id;
          item.sku = o.lines[l].sku;
          item.name = o.lines[l].name;
          item.qty = 1;
          item.unit_price = Money{o.lines[l].unit_price, "PLN"};
          item.reason = kReasons[pick(8)];
          c.items.push_back(item);
        }
        if (pick(4) != 0) c.first_response_at = created + pick(48 * 60) * 60'000;
        if (created > kStart + kSpan - 20 * kMsPerDay && pick(2) == 0) {
          c.state = State::in_review;  // recent and still open
        } else if (pick(25) == 0) {
          c.state = State::cancelled;
        } else {
          c.decided_at = created + pick(20 * 24 * 60) * 60'000;
          const bool accept = pick(4) != 0;
          for (auto &item : c.items) {
            item.decision.outcome =
                accept ? ItemDecision::Outcome::accepted : ItemDecision::Outcome::rejected;
            if (accept) {
              item.decision.qty = item.qty;
              item.decision.resolution =
                  pick(2)
                      ? Resolution{ResolutionType::refund, Money{item.unit_price->amount.times(item.qty), "PLN"}}
                      : Resolution{ResolutionType::replacement, std::nullopt};
            }
          }
          if (accept) {
            c.resolved_at = *c.decided_at + pick(7 * 24 * 60) * 60'000;
            c.state = State::closed;
          } else {
            c.state = State::rejected;
          }
          if (pick(3) == 0) c.rating = Rating{1 + static_cast<int>(pick(5)), "", *c.decided_at};
          if (pick(30) == 0) c.reopened = 1;
        }
        tx.insert_case(c);
      }
    });
    if ((done / batch) % 10 == 0) {
      std::fprintf(stderr, "  %ld cases, %.0f s\n", done + batch, seconds_since(t0));
    }
  }
  std::fprintf(stderr, "generated %ld cases (and %ld orders) in %.1f s\n", cases, cases,
               seconds_since(t0));
}

}  // namespace bench
