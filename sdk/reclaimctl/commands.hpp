// commands.hpp — the handlers behind reclaimctl's commands; each returns the exit code.
#pragma once

#include "cli.hpp"
#include "session.hpp"

namespace reclaimctl {

int run_info(Session &, const Args &);
int run_import(Session &, const Args &);
int run_order_show(Session &, const Args &);
int run_case_list(Session &, const Args &);
int run_case_show(Session &, const Args &);
int run_case_open(Session &, const Args &);
int run_case_act(Session &, const Args &);
int run_case_document(Session &, const Args &);
int run_case_file(Session &, const Args &);
int run_events(Session &, const Args &);
int run_messages_list(Session &, const Args &);
int run_messages_retry(Session &, const Args &);
int run_messages_preview(Session &, const Args &);
int run_report(Session &, const Args &);
int run_tick(Session &, const Args &);
int run_policy_get(Session &, const Args &);
int run_policy_set(Session &, const Args &);
int run_eligibility(Session &, const Args &);
int run_payload(Session &, const Args &);
int run_replies_list(Session &, const Args &);
int run_replies_add(Session &, const Args &);
int run_replies_remove(Session &, const Args &);
int run_replies_show(Session &, const Args &);
int run_subject_export(Session &, const Args &);
int run_subject_erase(Session &, const Args &);
int run_staff_add(Session &, const Args &);
int run_staff_passwd(Session &, const Args &);
int run_staff_remove(Session &, const Args &);
int run_staff_disable(Session &, const Args &);
int run_staff_enable(Session &, const Args &);
int run_staff_list(Session &, const Args &);

// The sender's file name as a name in a folder: its last component, without control
// characters; the file's id when nothing usable is left (the name is the customer's text).
std::string safe_name(const std::string &given, const std::string &id);

// A shop name for the library: NULL means "default".
inline const char *shop_or_null(const std::optional<std::string> &shop) {
  return shop ? shop->c_str() : nullptr;
}

}  // namespace reclaimctl
