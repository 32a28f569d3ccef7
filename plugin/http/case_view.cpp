#include "http/case_view.hpp"

#include <boost/json/array.hpp>

namespace reclaim::http {

namespace json = boost::json;

namespace {

std::string str(const json::object &o, std::string_view key) {
  const auto *value = o.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::string by_label(Call &call, std::string_view role) {
  if (role == "customer") return call.text("by_customer");
  if (role == "system") return call.text("by_system");
  return call.text("by_staff");
}

}  // namespace

json::object case_page_context(Call &call, const json::object &view, const std::string &token) {
  const std::string case_url = call.base() + "/c/" + token;
  const std::string state = str(view, "state");
  const std::string basis = str(view, "basis");
  json::object files_by_id;
  json::array files;
  for (const auto &value : view.at("attachments").as_array()) {
    const auto &file = value.as_object();
    json::object shown{{"name", str(file, "name").empty() ? str(file, "id") : str(file, "name")},
                       {"href", case_url + "/files/" + str(file, "id")},
                       {"type", str(file, "content_type")},
                       {"kb", (file.at("size").to_number<std::int64_t>() + 1023) / 1024}};
    files_by_id[str(file, "id")] = shown;
    files.push_back(std::move(shown));
  }
  json::array items;
  for (const auto &value : view.at("items").as_array()) {
    const auto &item = value.as_object();
    const auto &decision = item.at("decision").as_object();
    json::object shown{{"name", item.at("name")},
                       {"qty", item.at("qty")},
                       {"reason_label", call.text("reason_" + str(item, "reason"))},
                       {"outcome_label", call.text("outcome_" + str(decision, "outcome"))},
                       {"decision_reason", str(decision, "reason")}};
    if (const auto *resolution = decision.if_contains("resolution")) {
      shown["resolution_label"] = call.text("resolution_" + str(resolution->as_object(), "type"));
    }
    items.push_back(std::move(shown));
  }
  json::array timeline;
  for (const auto &value : view.at("history").as_array()) {
    const auto &entry = value.as_object();
    json::object shown = entry;
    std::string action = str(entry, "action");
    if (action == "accept" && str(entry, "by") == "system") action = "deemed_accept";
    shown["label"] = call.text("action_" + action);
    shown["by_label"] = by_label(call, str(entry, "by"));
    json::array linked;
    if (const auto *ids = entry.if_contains("attachments"); ids && ids->is_array()) {
      for (const auto &id : ids->get_array()) {
        if (const auto *file =
                id.is_string() ? files_by_id.if_contains(id.get_string()) : nullptr) {
          linked.push_back(*file);
        }
      }
    }
    shown["files"] = std::move(linked);
    timeline.push_back(std::move(shown));
  }
  bool can_reply = false, can_rate = false, can_cancel = false, can_reopen = false;
  for (const auto &action : view.at("actions").as_array()) {
    can_reply |= action == "reply";
    can_rate |= action == "rate";
    can_cancel |= action == "cancel";
    can_reopen |= action == "reopen";
  }
  const std::string preferred = str(view, "preferred_resolution");
  const std::string meaning_key = "decision_meaning_" + basis;
  std::string meaning = call.text(meaning_key);
  if (meaning == meaning_key) meaning = call.text("decision_meaning_default_sla");
  std::string created = str(view, "created_at");
  if (created.size() >= 16) created = created.substr(0, 10);
  json::object context{
      {"title", call.text("status_heading") + " " + str(view, "number")},
      {"number", view.at("number")},
      {"state_label", call.text("state_" + state)},
      {"kind_label", call.text("kind_name_" + str(view, "kind"))},
      {"created_local", created},
      // Once decided, the date no longer tells the customer anything.
      {"decision_due_local",
       view.at("decided_at").is_null() ? view.at("decision_due_local") : json::value(nullptr)},
      {"timezone", view.at("timezone")},
      {"decision_meaning", meaning},
      {"next_text", call.text("next_" + state)},
      {"items", std::move(items)},
      {"description", view.at("description")},
      {"preferred_label", preferred.empty() ? std::string() : call.text("resolution_" + preferred)},
      {"files", std::move(files)},
      {"timeline", std::move(timeline)},
      {"case_url", case_url},
      {"can_reply", can_reply},
      {"can_rate", can_rate},
      {"can_cancel", can_cancel},
      {"can_reopen", can_reopen},
      {"scores", json::array{1, 2, 3, 4, 5}},
      {"rating", view.at("rating")}};
  context["has_files"] = !context["files"].as_array().empty();
  return context;
}

}  // namespace reclaim::http
