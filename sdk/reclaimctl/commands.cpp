// The command table: names, arguments, options and help texts.
#include "commands.hpp"

namespace reclaimctl {
namespace {

const OptionSpec kShop{"shop", "SHOP", "the shop (default: \"default\")"};

}  // namespace

const std::vector<Command> &commands() {
  static const std::vector<Command> table = {
      {"info",
       "",
       "show the library's version and the database's schema",
       "Opens the database (creating and migrating it when needed) and prints the library's\n"
       "version and ABI, the backend, the schema version, the clock and the shops.",
       {},
       0,
       0,
       true,
       run_info},
      {"import",
       "[FILE...]",
       "import orders from files or stdin",
       "Imports (inserts or replaces) orders. Each FILE (- or none: standard input) holds one\n"
       "order document in the adapter's format, or a JSON array of them. Every document is\n"
       "tried; the exit code is that of the first failure.",
       {{"adapter", "NAME", "the host format: reclaim (default), woocommerce, shopify, …"}, kShop},
       0,
       1000,
       true,
       run_import},
      {"order show",
       "ORDER_ID",
       "show an imported order",
       "Shows an order as Reclaim stored it.",
       {kShop},
       1,
       1,
       true,
       run_order_show},
      {"case list",
       "",
       "list cases, newest first",
       "Lists case summaries. Filters combine; --state may be repeated. One page is shown;\n"
       "--all follows the cursor to the end.",
       {{"state", "STATE", "received, in_review, … (repeatable)", true},
        kShop,
        {"kind", "KIND", "complaint or return"},
        {"assignee", "WHO", "assigned to"},
        {"email", "EMAIL", "the customer's e-mail"},
        {"order", "ORDER_ID", "cases of one order"},
        {"from", "TIME", "created at or after (RFC 3339)"},
        {"to", "TIME", "created before (RFC 3339)"},
        {"overdue", "", "only cases past a deadline"},
        {"sort", "KEY", "created_at, -created_at, updated_at, -updated_at, decision_due, …"},
        {"limit", "N", "cases per page, 1–500 (50)"},
        {"cursor", "CURSOR", "continue a previous listing"},
        {"all", "", "every page"}},
       0,
       0,
       true,
       run_case_list},
      {"case show",
       "REF",
       "show a case with its items and history",
       "REF is the case's id (c_…) or number (RC-2026-000042).",
       {},
       1,
       1,
       true,
       run_case_show},
      {"case open",
       "[FILE]",
       "open a case from a request document",
       "Opens a case; FILE (- or none: standard input) holds the request of reclaim_case_open:\n"
       "  {\"kind\":\"complaint\",\"actor\":{\"role\":\"customer\"},\"order_id\":\"1001\",\n"
       "   \"customer\":{\"email\":\"jan@example.pl\"},\n"
       "   \"items\":[{\"line\":\"1\",\"qty\":1,\"reason\":\"defect\"}]}",
       {},
       0,
       1,
       true,
       run_case_open},
      {"case act",
       "REF ACTION",
       "act on a case (review, accept, fulfil, close, …)",
       "Runs ACTION (review, request_info, reply, authorize_return, receive_goods, accept,\n"
       "reject, fulfil, close, reopen, cancel, rate, assign, escalate, comment, set_priority,\n"
       "tag, renew_link) on the case REF. The action's own fields come from --set (text), --set-json (any\n"
       "JSON value) and --body (a JSON object file). Examples:\n"
       "  reclaimctl case act RC-2026-000001 review --as agent:anna --expected-version 1\n"
       "  reclaimctl case act RC-2026-000001 accept --as supervisor:eva \\\n"
       "      --set-json 'resolution={\"type\":\"refund\"}'\n"
       "  reclaimctl case act RC-2026-000001 fulfil --as host --set reference=REFUND-17",
       {{"as", "ROLE[:ID]", "who acts: customer, agent, supervisor, host, system (agent)"},
        {"expected-version", "N", "refuse (conflict) when the case has moved on"},
        {"idempotency-key", "KEY", "makes a retry safe"},
        {"set", "KEY=TEXT", "a text field of the action (repeatable)", true},
        {"set-json", "KEY=JSON", "a field of the action with a JSON value (repeatable)", true},
        {"body", "FILE", "a JSON object with the action's fields (- for stdin)"}},
       2,
       2,
       true,
       run_case_act},
      {"events",
       "",
       "read events after a cursor (the outbox)",
       "Prints the events after --after SEQ (or the cursor kept in --cursor-file), page by page\n"
       "to the end, then the next cursor on stderr. With --cursor-file the file is updated\n"
       "after each printed page, so a repeated run continues where the last one stopped.\n"
       "--follow keeps polling for new events until interrupted. With --json each event is one\n"
       "line of JSON.",
       {{"after", "SEQ", "start after this sequence number (0)"},
        {"cursor-file", "FILE", "read and keep the cursor in FILE"},
        {"limit", "N", "events per read, 1–1000 (100)"},
        kShop,
        {"case", "CASE_ID", "only this case's events"},
        {"follow", "", "wait for new events (Ctrl-C stops)"},
        {"interval", "MS", "with --follow: pause between polls (1000)"}},
       0,
       0,
       true,
       run_events},
      {"messages list",
       "",
       "list the outbox's mails (or webhook posts)",
       "Lists the mails every customer-visible change rendered, with their delivery: pending,\n"
       "sent, failed (a host's mailer said so) or dead (the engine's sender gave up after its\n"
       "last attempt; the error says why). --webhooks lists the webhook posts instead.",
       {{"after", "SEQ", "start after this sequence number (0)"},
        {"limit", "N", "messages per read, 1–1000 (100)"},
        kShop,
        {"status", "STATUS", "pending, sent, failed or dead"},
        {"webhooks", "", "the webhook posts, not the mails"}},
       0,
       0,
       true,
       run_messages_list},
      {"messages retry",
       "ID...",
       "send failed or dead messages again",
       "Queues the messages (mails or webhook posts, by the ids messages list shows) for the\n"
       "engine's sender again, with a fresh count of attempts: the replay of a dead letter.\n"
       "An unknown id changes nothing and fails.",
       {},
       1,
       1000,
       true,
       run_messages_retry},
      {"messages preview",
       "TEMPLATE",
       "show a mail template as a case would get it",
       "Renders TEMPLATE (case.acknowledged, case.decided, … staff.case_opened; docs/MESSAGES.md)\n"
       "for --case as it would be sent now, with the shop's current wording (its policy's\n"
       "\"messages\"), from the case's latest event that sends it. Nothing is queued or sent.\n"
       "Prints the recipient, the subject and the plain-text part; --html prints the HTML part\n"
       "instead, --json the whole document.",
       {{"case", "CASE", "the case, by number or id (required)"},
        {"locale", "LANG", "pl, en or ru (default: the language the case's mail was written in)"},
        {"html", "", "print the HTML part"}},
       1,
       1,
       true,
       run_messages_preview},
      {"report",
       "",
       "KPIs and root causes",
       "Prints the report of reclaim_report for cases opened from --from to --to (dates in the\n"
       "shop's zone; by default this month so far): a table per group with --group-by, then\n"
       "the totals and the owner's targets. --json prints the document. --format csv or html\n"
       "writes that text instead (a CSV row per group for a spreadsheet, or the HTML fragment).\n"
       "--output FILE writes the document, CSV or HTML to FILE rather than stdout.\n"
       "The five worst SKUs of this month: report --group-by sku --limit 5",
       {kShop,
        {"from", "DATE", "first day (YYYY-MM-DD, the shop's zone)"},
        {"to", "DATE", "last day (today)"},
        {"kind", "KIND", "complaint or return"},
        {"group-by", "KEY",
         "none, reason, sku, supplier, category, channel, kind, resolution, "
         "assignee, day, week, month"},
        {"limit", "N", "only the first N groups (the worst first for sku, supplier, category)"},
        {"min-units-sold", "N", "claim rates on fewer units sold rank last (10)"},
        {"format", "FORMAT", "json, csv or html"},
        {"locale", "LOCALE", "pl, en, ru (for html)"},
        {"output", "FILE", "write to FILE instead of stdout"}},
       0,
       0,
       true,
       run_report},
      {"tick",
       "",
       "run due work now (deadlines, escalations)",
       "Runs reclaim_tick once and prints what it did.",
       {},
       0,
       0,
       true,
       run_tick},
      {"policy get",
       "",
       "show a shop's policy",
       "Prints the shop's policy.",
       {kShop},
       0,
       0,
       true,
       run_policy_get},
      {"policy set",
       "[FILE]",
       "set a shop's policy from a document",
       "FILE (- or none: standard input) holds the policy document.",
       {kShop},
       0,
       1,
       true,
       run_policy_set},
      {"eligibility",
       "[FILE]",
       "check what an order's items allow",
       "FILE (- or none: standard input) holds the request of reclaim_eligibility_check.",
       {},
       0,
       1,
       true,
       run_eligibility},
      {"payload",
       "REF",
       "a case's resolution as the host's refund request",
       "Renders the accepted resolution of case REF in the format of --adapter.",
       {{"adapter", "NAME", "the host: woocommerce, shopify, magento2, …"}},
       1,
       1,
       true,
       run_payload},
  };
  return table;
}

}  // namespace reclaimctl
