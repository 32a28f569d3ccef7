// HTTP/1.1 as it arrives on the wire, read without a socket: Beast's request parser with the
// server's limits, then the router. For tests and fuzzing of the byte stream (fuzz/fuzz_http_stream);
// the server (server.cpp) takes the same steps asynchronously.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace reclaim::http {

class App;

// The most header bytes a request may carry before it is answered 431.
inline constexpr std::size_t kHeaderLimit = 16 * 1024;

// A request's head as Beast parsed it, as handlers see it: the target split at '?', header
// names in lower case, no body. Written into `out`, whose strings keep their capacity: a
// connection that reuses one Request allocates nothing for the heads of its next requests.
void to_request(const boost::beast::http::request_header<> &in, const std::string &peer,
                Request &out);
Request to_request(const boost::beast::http::request_header<> &in, const std::string &peer);

// The body limit of a request, from its head alone (App::body_limit), before any of the body is
// read. Only a POST can be given more than the form limit, so only a POST's head is copied.
std::size_t body_limit_of(App &app, const boost::beast::http::request_header<> &head,
                          const std::string &peer);

// The responses one connection gets for `bytes` (several requests may be pipelined), in order,
// as the server answers them: limits from the App, 400/413/431 for what cannot be read, nothing
// more after a response that closes the connection or once the bytes end mid-request. At most
// `max_requests` requests are read.
std::vector<Response> serve_bytes(App &app, std::string_view bytes, const std::string &peer,
                                  std::size_t max_requests = 16);

}  // namespace reclaim::http
