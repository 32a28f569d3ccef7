// The endpoint's router: one request in, one response out, no sockets. The Beast server and
// reclaim_http_handle both call it.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "http/message.hpp"
#include "http/options.hpp"

namespace reclaim {
class Engine;
}

namespace reclaim::http {

struct Site;

class App {
 public:
  App(Engine &engine, Options options);
  ~App();
  App(const App &) = delete;
  App &operator=(const App &) = delete;

  // Never throws: failures become error pages (HTML) or {"error":…} documents (API).
  Response handle(const Request &request);
  // Body bytes a request may carry, judged from its head (method, path, headers; no body):
  // file uploads that could be acted on may be large, everything else is small.
  std::size_t body_limit(const Request &head) const;
  const Options &options() const;
  // The answer when memory alone gives it (/healthz, the stylesheet, the status page of a case
  // unchanged since it was rendered); nullopt when the request needs the database. The server
  // calls it on its I/O threads, so these stay quick however busy the database is.
  std::optional<Response> answer_from_memory(const Request &request);

  // The answers the server gives itself, without a handler (bad HTTP, too large, busy).
  Response error(const Request &request, int status);

 private:
  // `memory_only`: nullopt instead of any work that would read the database.
  std::optional<Response> respond(const Request &request, bool memory_only);

  std::unique_ptr<Site> site_;
};

}  // namespace reclaim::http
