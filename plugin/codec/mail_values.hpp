// The values a mail template names (codec/mail.hpp), taken from the case and its event and
// formatted for the mail's language and the shop's time zone.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/model.hpp"
#include "core/zone.hpp"

namespace reclaim::codec {

struct MailScene {
  const Case &subject;
  const Event &event;
  const Zone &zone;
  std::string locale;
  std::string shop_name;
  std::string status_url;  // empty when the shop has no public_url
  std::string staff_url;
  int appeal_days = 14;
};

boost::json::object mail_values(const MailScene &scene);

}  // namespace reclaim::codec
