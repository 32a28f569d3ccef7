#include "abi_calls.h"

namespace reclaim_node {
namespace {

// reclaim_http_stop writes no document; the table's shape wants one.
int http_stop(reclaim_engine *e, Texts, char **) { return reclaim_http_stop(e); }

constexpr AbiCall kCalls[] = {
    {"tick", {}, 0, [](reclaim_engine *e, Texts, char **o) { return reclaim_tick(e, o); }},
    {"policy_set", {"shop", "policy"}, 2,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_policy_set(e, t[0], t[1], o); }},
    {"policy_get", {"shop"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_policy_get(e, t[0], o); }},
    {"eligibility_check", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_eligibility_check(e, t[0], o); }},
    {"order_import", {"shop", "adapter", "order"}, 3,
     [](reclaim_engine *e, Texts t, char **o) {
       return reclaim_order_import(e, t[0], t[1], t[2], o);
     }},
    {"order_get", {"shop", "orderId"}, 2,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_order_get(e, t[0], t[1], o); }},
    {"case_open", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_case_open(e, t[0], o); }},
    {"case_get", {"caseRef"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_case_get(e, t[0], o); }},
    {"case_list", {"query"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_case_list(e, t[0], o); }},
    {"case_act", {"caseRef", "action"}, 2,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_case_act(e, t[0], t[1], o); }},
    {"attachment_get", {"caseRef", "attachmentId"}, 2,
     [](reclaim_engine *e, Texts t, char **o) {
       return reclaim_attachment_get(e, t[0], t[1], o);
     }},
    {"events_read", {"query"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_events_read(e, t[0], o); }},
    {"messages_read", {"query"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_messages_read(e, t[0], o); }},
    {"messages_ack", {"ack"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_messages_ack(e, t[0], o); }},
    {"message_preview", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_message_preview(e, t[0], o); }},
    {"message_inbound", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_message_inbound(e, t[0], o); }},
    {"document", {"caseRef", "request"}, 2,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_document(e, t[0], t[1], o); }},
    {"report", {"query"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_report(e, t[0], o); }},
    {"host_payload", {"caseRef", "adapter"}, 2,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_host_payload(e, t[0], t[1], o); }},
    {"http_start", {"options"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_http_start(e, t[0], o); }},
    {"http_stop", {}, 0, http_stop},
    {"http_handle", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_http_handle(e, t[0], o); }},
    {"staff_link", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_staff_link(e, t[0], o); }},
    {"staff_account", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_staff_account(e, t[0], o); }},
    {"canned_replies", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_canned_replies(e, t[0], o); }},
    {"subject_export", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_subject_export(e, t[0], o); }},
    {"subject_erase", {"request"}, 1,
     [](reclaim_engine *e, Texts t, char **o) { return reclaim_subject_erase(e, t[0], o); }},
};

}  // namespace

std::span<const AbiCall> abi_calls() { return kCalls; }

}  // namespace reclaim_node
