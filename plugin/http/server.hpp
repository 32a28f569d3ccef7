// The network side, shaped like Beast's advanced server: a listener accepts, a session owns one
// connection (timeouts, body limits, one request at a time, keep-alive), and the App answers.
#pragma once

#include <memory>
#include <string>

namespace reclaim::http {

class App;

class Server {
 public:
  explicit Server(App &app);
  ~Server();  // stops
  Server(const Server &) = delete;
  Server &operator=(const Server &) = delete;

  // Binds, starts the worker threads and returns the bound "host:port". Throws Error.
  std::string start();
  // Closes the listener and every connection, then joins the threads. Idempotent.
  void stop();

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace reclaim::http
