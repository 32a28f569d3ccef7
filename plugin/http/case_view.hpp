// The status page's data: the engine's customer view with every word in the page's language,
// what the customer has to do now at the top, the decision with its amounts, and for a
// withdrawal the statement and what the law says happens next.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/views.hpp"
#include "http/site.hpp"

namespace reclaim::http {

boost::json::object case_page_context(Call &call, const CustomerView &view,
                                      const std::string &token);

// The text key that says what the decision date means, chosen by the case's deadline rules
// (deemed acceptance, a statutory limit, a penalty, the shop's own target), never by wording.
std::string decision_meaning_key(const Case &subject);

}  // namespace reclaim::http
