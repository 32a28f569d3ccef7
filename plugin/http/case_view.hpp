// The status page's data: the engine's customer view with every word in the page's language.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "http/site.hpp"

namespace reclaim::http {

boost::json::object case_page_context(Call &call, const boost::json::object &view,
                                      const std::string &token);

}  // namespace reclaim::http
