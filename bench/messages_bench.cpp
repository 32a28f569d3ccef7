// messages_bench — what the outbox of mails costs, beside a same-run reference.
//
//   BM_RenderAndQueue   one case.acknowledged mail: its values from a real case, rendered in
//                       Polish (subject, text, HTML) and appended to the outbox in its own write
//                       transaction on a file database (WAL), as every customer-visible change
//                       does (Engine::publish, less the event itself).
//   BM_RawInsert        the reference: the very same row (the rendered texts of one mail, made
//                       once) inserted into the same outbox table, one transaction each, through
//                       the same storage layer (prepared statements): what queuing costs without
//                       rendering.
//   BM_Render           rendering alone (no storage), for the split.
// Deliveries per second to a real SMTP server are measured by bench/messages.sh.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "bench_support.hpp"
#include "codec/mail.hpp"
#include "codec/mail_values.hpp"
#include "core/actions.hpp"
#include "core/crypto.hpp"
#include "core/zone.hpp"
#include "engine/inbound_mail.hpp"
#include "storage/store.hpp"

namespace {

namespace json = boost::json;
using namespace reclaim;

Case sample_case() {
  Case c;
  c.id = "c_0123456789abcdef0123";
  c.number = "RC-2026-000042";
  c.shop = "default";
  c.kind = Kind::complaint;
  c.created_at = 1'796'115'600'000;  // 2026-12-01T09:00:00Z
  c.customer = Customer{"jan@example.pl", "Jan Kowalski", "pl", "consumer", ""};
  for (int i = 1; i <= 3; ++i) {
    CaseItem item;
    item.item = i;
    item.line = std::to_string(i);
    item.sku = "KET-" + std::to_string(i);
    item.name = "Czajnik elektryczny " + std::to_string(i);
    item.qty = 1;
    c.items.push_back(item);
  }
  c.deadlines.decision_due = c.created_at + 14LL * 86'400'000;
  c.deadlines.statutory = true;
  c.deadlines.deemed_on_expiry = true;
  return c;
}

struct Fixture {
  bench::TempDir dir;
  std::unique_ptr<Store> store;
  Zone zone{"Europe/Warsaw"};
  Case subject = sample_case();
  Event event = case_event(subject, "case.opened", subject.created_at, true, {});
  Fixture() {
    StorageConfig config;
    config.database = "sqlite:" + dir.path() + "/bench.db";
    store = std::make_unique<Store>(config);
  }
  codec::RenderedMail render() const {
    const codec::MailScene scene{subject, event, zone, "pl", "Sklep Demo",
                                 "https://sklep.example/r/c/TOKEN?lang=pl", "", 14};
    return codec::MailTexts::defaults().render("case.acknowledged", "pl", codec::mail_values(scene));
  }
  OutboxMessage row(const codec::RenderedMail &mail) const {
    OutboxMessage m;
    m.id = "m_" + hex_encode(random_bytes(10));
    m.event_seq = 1;
    m.event_type = "case.opened";
    m.case_id = subject.id;
    m.case_number = subject.number;
    m.shop = "default";
    m.to = "jan@example.pl";
    m.locale = "pl";
    m.template_name = "case.acknowledged";
    m.subject = mail.subject;
    m.text = mail.text;
    m.html = mail.html;
    m.headers = {{"From", "Sklep <reklamacje@sklep.example>"}, {"To", "jan@example.pl"},
                 {"Message-ID", message_id_for(subject.number, m.id, "sklep.example")}};
    return m;
  }
};

void BM_Render(benchmark::State &state) {
  Fixture f;
  for (auto _ : state) benchmark::DoNotOptimize(f.render());
  state.SetItemsProcessed(state.iterations());
}

void BM_RenderAndQueue(benchmark::State &state) {
  Fixture f;
  for (auto _ : state) {
    f.store->write([&](Tx &tx) { tx.append_outbox(f.row(f.render())); });
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RawInsert(benchmark::State &state) {
  Fixture f;
  const auto mail = f.render();
  for (auto _ : state) {
    f.store->write([&](Tx &tx) { tx.append_outbox(f.row(mail)); });
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_Render)->UseRealTime();
BENCHMARK(BM_RenderAndQueue)->UseRealTime();
BENCHMARK(BM_RawInsert)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
