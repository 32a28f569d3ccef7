// A request and a response as handlers see them: plain values, no sockets. The server and
// reclaim_http_handle both translate to and from these.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reclaim::http {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string path;    // as sent, without the query; base_path still included
  std::string query;   // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string peer;  // the client's address as the socket saw it ("" in-process)

  // The first value of header `name` (lower case), "" when absent.
  std::string_view header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set(std::string name, std::string value);  // replaces
  void add(std::string name, std::string value);  // appends (Set-Cookie)
  std::string_view header(std::string_view name) const;
};

}  // namespace reclaim::http
