// documents_bench — documents per second (docs/PERFORMANCE.md, docs/DOCUMENTS.md).
//
//   BM_DecisionLetter10   a Polish decision letter for a case of 10 items (8 accepted with a
//                         refund, 2 refused with reasons), composed from the case and typeset by
//                         Pango into a PDF by cairo: what reclaim_document does after reading
//                         the case.
//   BM_Compose10          composing alone (the wording, no typesetting), for the split.
//   BM_ReturnSlip10       the return slip of the same case, with its QR code.
// Single-threaded; the first iteration loads the fonts through fontconfig.
#include <benchmark/benchmark.h>

#include <string>

#include "core/decimal.hpp"
#include "documents/compose.hpp"
#include "documents/pdf.hpp"

namespace {

using namespace reclaim;

Case sample_case() {
  Case c;
  c.id = "c_0123456789abcdef0123";
  c.number = "RC-2026-000042";
  c.shop = "default";
  c.kind = Kind::complaint;
  c.state = State::accepted;
  c.created_at = 1'796'115'600'000;  // 2026-12-01T09:00:00Z
  c.decided_at = c.created_at + 5LL * 86'400'000;
  c.partial = true;
  c.order_id = "1001";
  c.customer = Customer{"jan@example.pl", "Jan Łukasz Wójcik", "pl", "consumer", ""};
  c.preferred_resolution = "refund";
  c.reject_reason = "Uszkodzenie mechaniczne z winy użytkownika.";
  for (int i = 1; i <= 10; ++i) {
    CaseItem item;
    item.item = i;
    item.line = std::to_string(i);
    item.sku = "KET-" + std::to_string(i);
    item.name = "Czajnik elektryczny ze stali nierdzewnej, model " + std::to_string(i);
    item.qty = 1;
    item.reason = "defect";
    item.unit_price = Money{*Decimal::parse("199.99"), "PLN"};
    if (i <= 8) {
      item.decision.outcome = ItemDecision::Outcome::accepted;
      item.decision.qty = 1;
      item.decision.resolution = Resolution{ResolutionType::refund, item.unit_price};
    } else {
      item.decision.outcome = ItemDecision::Outcome::rejected;
      item.decision.reason = "Ślady zalania wodą wewnątrz obudowy.";
    }
    c.items.push_back(item);
  }
  c.deadlines.decision_due = c.created_at + 14LL * 86'400'000;
  c.deadlines.statutory = true;
  c.deadlines.deemed_on_expiry = true;
  return c;
}

struct Scene {
  Case subject = sample_case();
  Zone zone{"Europe/Warsaw"};
  Event event;
  documents::DocumentScene scene(DocumentType type) const {
    documents::ShopDetails shop{"Sklep Żuraw",
                                "Żuraw sp. z o.o.\nul. Źródlana 5, 00-950 Warszawa",
                                "reklamacje@sklep.example",
                                "https://sklep.example",
                                "ul. Magazynowa 12\n05-800 Pruszków",
                                "pl"};
    return documents::DocumentScene{
        subject, type, "pl", zone, shop, event, subject.created_at + 6LL * 86'400'000, 14};
  }
};

void BM_DecisionLetter10(benchmark::State &state) {
  const Scene s;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string pdf =
        documents::render_pdf(documents::compose(s.scene(DocumentType::decision_letter)));
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_DecisionLetter10)->Unit(benchmark::kMillisecond);

void BM_Compose10(benchmark::State &state) {
  const Scene s;
  for (auto _ : state) {
    auto sheet = documents::compose(s.scene(DocumentType::decision_letter));
    benchmark::DoNotOptimize(sheet.blocks.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Compose10)->Unit(benchmark::kMicrosecond);

void BM_ReturnSlip10(benchmark::State &state) {
  const Scene s;
  for (auto _ : state) {
    const std::string pdf =
        documents::render_pdf(documents::compose(s.scene(DocumentType::return_slip)));
    benchmark::DoNotOptimize(pdf.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReturnSlip10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
