// What the engine answers, as values: a case with its history, pages of cases and events, an
// import, a tick, a policy in force, eligibility, the customer's view of a case. The codec turns
// each into the document a caller reads; nothing here knows JSON's shape of them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/outbox.hpp"
#include "core/attachment.hpp"
#include "core/deadlines.hpp"
#include "core/eligibility.hpp"
#include "core/model.hpp"
#include "core/policy.hpp"
#include "core/queries.hpp"
#include "core/report.hpp"

namespace reclaim {

struct EngineInfo {
  std::string backend;  // "sqlite" or "postgresql"
  int schema = 0;
  bool manual_clock = false;
  std::vector<std::string> shops;  // in configuration order
};

// A case as staff and hosts read it: the whole history, the link token, a late RU penalty.
struct CaseRecord {
  Case subject;
  std::vector<HistoryEntry> history;
  std::string status_token;
  std::optional<Penalty> penalty;  // accrued at the time of the read
  UnixMs read_at = 0;              // the time of the read (for what is late then)
  // The subject's document exactly as the change that returns it stored it, or empty: the
  // answer is then built on it rather than made a second time (codec::to_text).
  std::string stored_document;
};

struct CasePage {
  std::vector<Case> cases;  // summaries: no history
  std::optional<std::string> next_cursor;
};

struct QueueRowPage {
  std::vector<QueueRow> rows;
  std::optional<std::string> next_cursor;
};

// The staff queue as one snapshot: a page (of whole cases for the JSON API, of rows for the
// desk's page), the counts by state for the same filters, and the shop's at-risk window the rows
// are marked by.
template <typename Page>
struct QueueSnapshot {
  Page page;
  StateCounts counts;
  std::int64_t at_risk_ms = 0;
};
using StaffQueue = QueueSnapshot<CasePage>;
using StaffQueueRows = QueueSnapshot<QueueRowPage>;

struct EventPage {
  std::vector<Event> events;
  std::int64_t next = 0;  // the cursor to read on from
};

struct MessagePage {
  std::vector<OutboxMessage> messages;
  std::int64_t next = 0;  // the cursor to read on from
};

struct OrderImport {
  Order order;
  bool created = false;
  std::string adapter;  // the host adapter it came through; empty for Reclaim's own document
};

struct TickSummary {
  UnixMs at = 0;
  int cases = 0;
  int events = 0;
  int anonymised = 0;  // finished cases whose retention ran out (core/privacy.hpp)
};

struct PolicyView {
  std::string shop;
  Policy policy;
  bool preset = false;             // no policy set: the jurisdiction's preset is in force
  std::vector<Policy> scheduled;  // set to apply from a later day
};

struct EligibilityAnswer {
  bool eligible = false;  // every item
  std::string locale;
  std::vector<ItemVerdict> items;
};

// Per order line, what it allows as a complaint and as a return.
using LineEligibility = std::map<std::string, std::map<Kind, ItemVerdict>>;

// Only what the customer was told, with what they may do next.
struct CustomerView {
  Case subject;
  std::vector<HistoryEntry> history;  // customer-visible entries only
  std::vector<Attachment> attachments;  // descriptions; no bytes
  std::vector<Action> actions;
  std::string timezone;  // the shop's, for the wall-clock times shown
};

struct CaseGauges {
  std::map<std::string, std::int64_t> cases_by_state;
  std::int64_t overdue = 0;
  std::map<std::string, std::int64_t> unsent_messages;  // "mail.pending", "webhook.dead", …
};

// A report's figures, and what its HTML page charts beside them.
struct ReportAnswer {
  Report figures;
  std::optional<Report> top_skus;  // the SKUs claimed most, when the page groups otherwise
  std::string locale;              // the page's language
};

}  // namespace reclaim
