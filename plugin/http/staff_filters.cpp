// The queue's filters: read from query parameters (the page's form, the JSON API, the CSV
// export), checked word by word, and turned into the case query of one member of staff.
#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/staff.hpp"

namespace reclaim::http {

namespace {

constexpr State kOpenStates[] = {
    State::received,          State::in_review,      State::waiting_for_customer,
    State::waiting_for_goods, State::goods_received, State::accepted};

constexpr std::string_view kAssigneeWords[] = {"mine_or_unassigned", "mine", "unassigned", "any"};

template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&words)[N]) {
  for (const auto known : words) {
    if (known == word) return true;
  }
  return false;
}

// A parameter that must be empty or one of `words`.
template <std::size_t N>
std::string word_param(const Form &params, const char *key, const std::string_view (&words)[N]) {
  std::string value(trim(params.get(key)));
  if (!value.empty() && !one_of(value, words)) {
    fail(Status::invalid_argument, "'" + value + "' is not a known value", key);
  }
  return value;
}

bool flag_param(const Form &params, const char *key) {
  const std::string value = params.get(key);
  if (value.empty() || value == "0") return false;
  if (value == "1") return true;
  fail(Status::invalid_argument, "1 or 0", key);
}

std::vector<std::string> split(const std::string &text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    out.emplace_back(trim(std::string_view(text).substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return out;
}

std::pair<std::int64_t, std::string> decode_cursor(const std::string &cursor) {
  const auto decoded = base64url_decode(cursor);
  const auto colon = decoded ? decoded->find(':') : std::string::npos;
  if (colon == std::string::npos) fail(Status::invalid_argument, "not a cursor", "after");
  try {
    std::size_t used = 0;
    const std::int64_t value = std::stoll(decoded->substr(0, colon), &used);
    if (used != colon) throw std::invalid_argument("cursor");
    return {value, decoded->substr(colon + 1)};
  } catch (const std::logic_error &) {
    fail(Status::invalid_argument, "not a cursor", "after");
  }
}

}  // namespace

QueueFilter queue_filter(const Form &params, const std::string &shop, int limit) {
  QueueFilter filter;
  filter.shop = shop;
  filter.limit = limit;
  if (std::string state(trim(params.get("state"))); !state.empty() && state != "open") {
    if (state != "all") {
      for (const auto &word : split(state)) {
        if (!one_of(word, kStateNames)) {
          fail(Status::invalid_argument, "'" + word + "' is not a state", "state");
        }
      }
    }
    filter.state = state;
  }
  filter.person = std::string(trim(params.get("person")));
  codec::check_text(filter.person, codec::kMaxIdBytes, "person");
  if (params.get("mine") == "1") filter.assignee = "mine";
  if (std::string assignee(trim(params.get("assignee"))); !assignee.empty()) {
    codec::check_text(assignee, codec::kMaxIdBytes, "assignee");
    if (one_of(assignee, kAssigneeWords)) {
      filter.assignee = assignee;
    } else if (filter.person.empty()) {
      filter.person = assignee;  // the JSON API's assignee=<id>
    }
  }
  if (!filter.person.empty()) filter.assignee = "person";
  filter.kind = word_param(params, "kind", kKindNames);
  filter.reason = word_param(params, "reason", kReasons);
  filter.priority = word_param(params, "priority", kPriorities);
  filter.channel = word_param(params, "channel", kChannels);
  filter.tag = std::string(trim(params.get("tag")));
  codec::check_text(filter.tag, 64, "tag");
  filter.q = std::string(trim(params.get("q")));
  codec::check_text(filter.q, 254, "q");
  filter.at_risk = flag_param(params, "at_risk");
  filter.overdue = flag_param(params, "overdue");
  filter.after = params.get("after");
  if (!filter.after.empty()) {
    codec::check_text(filter.after, 512, "after");
    decode_cursor(filter.after);
  }
  return filter;
}

CaseQuery case_query(const QueueFilter &filter, const StaffMember &staff) {
  CaseQuery query;
  query.shop = filter.shop;
  if (filter.state == "open") {
    query.states.assign(std::begin(kOpenStates), std::end(kOpenStates));
  } else if (filter.state != "all") {
    for (const auto &word : split(filter.state)) {
      query.states.push_back(*parse_word<State>(word, kStateNames));
    }
  }
  if (!filter.kind.empty()) query.kind = parse_word<Kind>(filter.kind, kKindNames);
  if (filter.assignee == "person") {
    query.assignee = AssigneeFilter::of(filter.person);
  } else if (filter.assignee == "mine") {
    query.assignee = AssigneeFilter::of(staff.id);
  } else if (filter.assignee == "unassigned") {
    query.assignee = AssigneeFilter::unassigned();
  } else if (filter.assignee == "any") {
    query.assignee = AssigneeFilter::anyone();
  } else {
    query.assignee = AssigneeFilter::of_or_unassigned(staff.id);
  }
  query.reason = filter.reason;
  query.priority = filter.priority;
  query.channel = filter.channel;
  query.tag = filter.tag;
  query.search = filter.q;
  query.at_risk = filter.at_risk;
  query.overdue = filter.overdue;
  query.sort = CaseSort::decision_due;
  query.descending = false;
  query.limit = filter.limit;
  if (!filter.after.empty()) query.after = decode_cursor(filter.after);
  return query;
}

std::string QueueFilter::query_string(std::optional<std::string> with_state) const {
  std::string out = "shop=" + url_encode(shop);
  const auto add = [&](const char *key, const std::string &value) {
    if (!value.empty()) out += std::string("&") + key + "=" + url_encode(value);
  };
  add("state", with_state.value_or(state));
  if (assignee == "person") {
    add("person", person);
  } else {
    add("assignee", assignee);
  }
  add("kind", kind);
  add("reason", reason);
  add("priority", priority);
  add("channel", channel);
  add("tag", tag);
  add("q", q);
  if (at_risk) out += "&at_risk=1";
  if (overdue) out += "&overdue=1";
  return out;
}

std::string staff_shop(Call &call, const StaffMember &staff) {
  const std::string wanted = call.query.get("shop");
  if (!wanted.empty()) {
    if (!staff.sees(wanted)) fail(Status::not_found, "no shop '" + wanted + "'", "shop");
    return wanted;
  }
  if (staff.sees(call.site.options.shop)) return call.site.options.shop;
  return staff.shops.front();
}

std::optional<CaseRecord> staff_case_by_number(Call &call, const StaffMember &staff,
                                               const std::string &q) {
  const std::string ref(trim(q));
  if (ref.empty() || ref.size() > codec::kMaxIdBytes || ref.find('@') != std::string::npos) {
    return std::nullopt;
  }
  try {
    return call.engine().staff_case(staff, ref);
  } catch (const Error &error) {
    if (error.status() == Status::not_found) return std::nullopt;
    throw;
  }
}

}  // namespace reclaim::http
