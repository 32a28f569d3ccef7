// The HTTP endpoint of one engine: the router, and the server while it runs. Owned by the
// engine's handle; reclaim_close destroys it, which stops the server first.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>

#include "http/message.hpp"
#include "http/options.hpp"

namespace reclaim {
class Engine;
}

namespace reclaim::http {

class App;
class Server;

class Endpoint {
 public:
  explicit Endpoint(Engine &engine);
  ~Endpoint();
  Endpoint(const Endpoint &) = delete;
  Endpoint &operator=(const Endpoint &) = delete;

  // {"listen": "127.0.0.1:PORT", "base_path": …, "url": "http://…/"}; Error(conflict) when it
  // already runs, Error(unsupported) when the address cannot be bound.
  boost::json::object start(const Options &options);
  // False when it was not running.
  bool stop();
  // Runs one request through the running endpoint's router, or through one with default
  // options when no server runs.
  Response handle(const Request &request);

 private:
  Engine &engine_;
  std::mutex mutex_;
  std::shared_ptr<App> app_;
  std::unique_ptr<Server> server_;
};

// reclaim_http_handle's documents: {method, path, query, headers, body | body_base64, peer}
// and {status, headers, body | body_base64}.
Request request_from_json(const boost::json::value &document);
boost::json::object response_to_json(const Response &response);

}  // namespace reclaim::http
