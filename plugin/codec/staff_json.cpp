#include "codec/staff_json.hpp"

#include <boost/json/array.hpp>

#include "codec/reader.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

constexpr std::string_view kStaffRoles[] = {"agent", "supervisor"};

}  // namespace

StaffMember staff_member_from_json(const json::value &document, const std::string &path) {
  Fields fields(document, path);
  StaffMember staff;
  staff.id = fields.required_id("id");
  if (staff.id.size() > kMaxIdBytes) {
    fail(Status::invalid_argument, "at most 200 bytes", fields.path("id"));
  }
  staff.name = fields.text("name", kMaxNameBytes).value_or("");
  const auto role = fields.word("role", kStaffRoles);
  if (!role) fail(Status::invalid_argument, "required", fields.path("role"));
  staff.role = *parse_word<Role>(*role, kRoleNames);
  const auto *shops = fields.array("shops", 100);
  if (!shops || shops->empty()) {
    fail(Status::invalid_argument, "at least one shop", fields.path("shops"));
  }
  for (std::size_t i = 0; i < shops->size(); ++i) {
    const auto *shop = (*shops)[i].if_string();
    const std::string at = field_path(fields.path("shops"), i);
    if (!shop || shop->empty() || shop->size() > kMaxIdBytes) {
      fail(Status::invalid_argument, "expected a shop id", at);
    }
    check_text(*shop, kMaxIdBytes, at);
    staff.shops.emplace_back(*shop);
  }
  staff.locale = fields.word("locale", kLocales).value_or("");
  fields.finish();
  return staff;
}

StaffLinkRequest staff_link_request_from_json(const json::value &document) {
  Fields fields(document, "");
  StaffLinkRequest request;
  const auto *staff = fields.raw("staff");
  if (!staff) fail(Status::invalid_argument, "required", "staff");
  request.staff = staff_member_from_json(*staff, "staff");
  request.ttl_s = fields.integer("ttl_s", 1, kStaffLinkMaxTtlS).value_or(kStaffLinkDefaultTtlS);
  request.next = fields.text("next", 512).value_or("/staff/");
  if (!is_staff_path(request.next)) {
    fail(Status::invalid_argument, "a path under /staff/ of this endpoint", "next");
  }
  fields.finish();
  return request;
}

json::object to_json(const StaffMember &staff) {
  json::array shops;
  for (const auto &shop : staff.shops) shops.emplace_back(shop);
  return {{"id", staff.id},
          {"name", staff.name},
          {"role", name(staff.role)},
          {"shops", std::move(shops)},
          {"locale", staff.locale.empty() ? json::value(nullptr) : json::value(staff.locale)}};
}

json::object to_json(const StaffLink &link) {
  return {{"path", link.path}, {"expires_at", format_rfc3339(link.expires_at)}};
}

}  // namespace reclaim::codec
