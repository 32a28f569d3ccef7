#include "http/server.hpp"

#include <atomic>
#include <mutex>
#include <unordered_map>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/app.hpp"
#include "http/client_address.hpp"
#include "http/wire.hpp"

namespace reclaim::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Lingering after an early answer: at most this long in all, this long without data, this much.
constexpr auto kLingerTotal = std::chrono::seconds(30);
constexpr auto kLingerQuiet = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 32 * 1024 * 1024;

// Connection slots: a total cap, and a cap per client address (IPv6: per /64) so that one
// client cannot hold the slots everyone else needs. Trusted proxies carry many clients and are
// held only to the total.
class Slots {
 public:
  explicit Slots(const Options &options) : options_(options) {
    for (const auto &proxy : options.trusted_proxies) {
      if (auto network = IpNetwork::parse(proxy)) proxies_.push_back(*network);
    }
  }

  // The key to release() later, or nullopt when the connection must be refused.
  std::optional<std::string> take(const std::string &peer) {
    std::lock_guard lock(mutex_);
    if (total_ >= options_.max_connections) return std::nullopt;
    std::string key;
    if (const auto address = IpAddress::parse(peer)) {
      bool proxy = false;
      for (const auto &network : proxies_) proxy = proxy || network.contains(*address);
      if (!proxy) key = budget_key(*address);
    }
    if (!key.empty()) {
      int &held = by_address_[key];
      if (held >= options_.max_connections_per_address) {
        if (held == 0) by_address_.erase(key);
        return std::nullopt;
      }
      ++held;
    }
    ++total_;
    return key;
  }

  void release(const std::string &key) {
    std::lock_guard lock(mutex_);
    --total_;
    if (key.empty()) return;
    const auto found = by_address_.find(key);
    if (found != by_address_.end() && --found->second <= 0) by_address_.erase(found);
  }

 private:
  const Options &options_;
  std::vector<IpNetwork> proxies_;
  std::mutex mutex_;
  int total_ = 0;
  std::unordered_map<std::string, int> by_address_;
};

// The handlers' database work runs here, off the I/O threads. Bounded: at most `capacity`
// requests queued or running; a request that finds it full retries for queue_timeout_ms, then
// gets 503.
struct Workers {
  explicit Workers(const Options &options)
      : pool(static_cast<std::size_t>(options.workers)), capacity(options.workers * 4) {}
  bool admit() {
    if (in_flight.fetch_add(1) < capacity) return true;
    --in_flight;
    return false;
  }
  void done() { --in_flight; }

  net::thread_pool pool;
  const int capacity;
  std::atomic<int> in_flight{0};
};

// Upload bytes being read or handled, all connections together (Options::uploads_in_flight_bytes).
class UploadBudget {
 public:
  explicit UploadBudget(std::size_t limit) : limit_(limit) {}
  bool take(std::size_t bytes) {
    std::size_t held = held_.load();
    do {
      if (held + bytes > limit_) return false;
    } while (!held_.compare_exchange_weak(held, held + bytes));
    return true;
  }
  void give_back(std::size_t bytes) { held_ -= bytes; }

 private:
  const std::size_t limit_;
  std::atomic<std::size_t> held_{0};
};

struct Shared {
  App &app;
  const Options &options;
  Slots slots{options};
  Workers workers{options};
  UploadBudget uploads{options.uploads_in_flight_bytes};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket &&socket, Shared &shared, std::string peer, std::string slot)
      : stream_(std::move(socket)),
        shared_(shared),
        peer_(std::move(peer)),
        slot_(std::move(slot)),
        retry_(stream_.get_executor()) {}
  ~Session() {
    give_back_upload();
    shared_.slots.release(slot_);
  }

  void run() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::wait, shared_from_this()));
  }

 private:
  // Between requests the connection may idle; a new connection must start its request soon.
  void wait() {
    if (buffer_.size() > 0) return read_header();
    const int seconds = first_ ? shared_.options.header_timeout_s : shared_.options.idle_timeout_s;
    stream_.expires_after(std::chrono::seconds(seconds));
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->buffer_.commit(n);
                              self->read_header();
                            });
  }

  void read_header() {
    first_ = false;
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // The real limit depends on the route and the content type, known once the header is in;
    // until then only the largest is enforced (Beast checks a declared length early).
    parser_->body_limit(std::max(shared_.options.form_limit, shared_.options.upload_limit));
    stream_.expires_after(std::chrono::seconds(shared_.options.header_timeout_s));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted) {
      return close();
    }
    if (ec == bhttp::error::header_limit) return fail(431);
    if (ec == bhttp::error::body_limit) return fail(413);  // a declared length over the limit
    if (ec) return fail(400);
    const auto &header = parser_->get();
    const std::size_t limit = body_limit_of(shared_.app, header, peer_);
    if (parser_->content_length() && *parser_->content_length() > limit) return fail(413);
    if (limit > shared_.options.form_limit) {
      // An upload: its bytes (as declared, or the limit when chunked) count against the budget
      // until its answer is sent.
      const std::size_t bytes = parser_->content_length().value_or(limit);
      if (!shared_.uploads.take(bytes)) return fail(503);
      upload_bytes_ = bytes;
    }
    parser_->body_limit(limit);
    // Bodies get the idle allowance: a photo on a slow line takes a while.
    stream_.expires_after(std::chrono::seconds(shared_.options.idle_timeout_s));
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      auto go_on =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      return bhttp::async_write(
          stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code wec, std::size_t) {
            if (wec) return self->close();
            self->read_body();
          });
    }
    read_body();
  }

  void read_body() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) return fail(413);
    if (ec == beast::error::timeout || ec == net::error::operation_aborted ||
        ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return close();
    }
    if (ec) return fail(400);
    auto &message = parser_->get();
    to_request(message, peer_, request_);
    request_.body = std::move(message.body());
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    if (auto answer = shared_.app.answer_from_memory(request_)) {
      return send(std::move(*answer), keep_alive_, version_);
    }
    queued_until_ =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(shared_.options.queue_timeout_ms);
    dispatch_to_workers();
  }

  // Hands request_ to a worker; the answer comes back to this connection's thread. The
  // connection reads nothing more until that answer is written, so request_ stays as it is.
  void dispatch_to_workers() {
    if (shared_.workers.admit()) {
      return net::post(shared_.workers.pool, [self = shared_from_this()] {
        Response answer = self->shared_.app.handle(self->request_);
        self->shared_.workers.done();
        net::post(self->stream_.get_executor(),
                  [self, answer = std::move(answer)]() mutable {
                    self->send(std::move(answer), self->keep_alive_, self->version_);
                  });
      });
    }
    if (std::chrono::steady_clock::now() >= queued_until_) {
      Response busy = shared_.app.error(request_, 503);
      busy.set("Retry-After", "1");
      return send(std::move(busy), false, version_);
    }
    retry_.expires_after(std::chrono::milliseconds(20));
    retry_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->close();
      self->dispatch_to_workers();
    });
  }

  // Answers a request the server could not read, then closes the connection. The error page is
  // chosen from what was read of it: its path when the headers arrived, nothing else.
  void fail(int status) {
    Request unreadable;
    unreadable.method = "GET";
    if (parser_ && parser_->is_header_done()) {
      const std::string_view target = parser_->get().target();
      unreadable.path = std::string(target.substr(0, target.find('?')));
    }
    linger_ = true;
    Response answer = shared_.app.error(unreadable, status);
    if (status == 503) answer.set("Retry-After", "5");
    send(std::move(answer), false, 11);
  }

  void send(Response answer, bool keep_alive, unsigned version) {
    give_back_upload();
    response_ = {};
    response_.version(version == 10 ? 10 : 11);
    response_.result(static_cast<unsigned>(answer.status));
    for (auto &[name, value] : answer.headers) response_.insert(name, value);
    response_.set(bhttp::field::server, "reclaim");
    response_.body() = std::move(answer.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    stream_.expires_after(std::chrono::seconds(shared_.options.idle_timeout_s));
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                         if (ec) return self->close();
                         if (!keep_alive) return self->linger_ ? self->linger() : self->close();
                         self->wait();
                       });
  }

  // After an early answer (413 before the body, 400 mid-body) the client may still be sending:
  // closing at once would reset the connection and the client, or a proxy such as nginx, would
  // lose the answer. So stop sending, then read and discard what still comes for a short while.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    linger_until_ = std::chrono::steady_clock::now() + kLingerTotal;
    drain();
  }

  void drain() {
    if (std::chrono::steady_clock::now() >= linger_until_ || drained_ >= kLingerBytes) {
      return close();
    }
    stream_.expires_after(kLingerQuiet);
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(65536),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->close();
                              self->drained_ += n;
                              self->drain();
                            });
  }

  void give_back_upload() {
    if (upload_bytes_ == 0) return;
    shared_.uploads.give_back(upload_bytes_);
    upload_bytes_ = 0;
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Shared &shared_;
  std::string peer_;
  std::string slot_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;  // the request being answered; its strings' capacity serves the next one
  bhttp::response<bhttp::string_body> response_;
  net::steady_timer retry_;
  bool keep_alive_ = false;
  unsigned version_ = 11;
  std::chrono::steady_clock::time_point queued_until_;
  std::size_t upload_bytes_ = 0;  // taken from Shared::uploads for the request being read
  bool first_ = true;
  bool linger_ = false;
  std::chrono::steady_clock::time_point linger_until_;
  std::size_t drained_ = 0;
};

// Accepts on the first thread's context and hands each connection to the next thread's in turn.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(std::vector<std::unique_ptr<net::io_context>> &contexts, tcp::endpoint endpoint,
           Shared &shared)
      : contexts_(contexts), acceptor_(*contexts.front()), shared_(shared) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  tcp::endpoint local() const { return acceptor_.local_endpoint(); }
  void run() { accept(); }

 private:
  void accept() {
    auto &context = *contexts_[next_++ % contexts_.size()];
    acceptor_.async_accept(context,
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      beast::error_code peer_ec;
      const auto remote = socket.remote_endpoint(peer_ec);
      std::string peer = peer_ec ? std::string() : remote.address().to_string();
      if (peer.starts_with("::ffff:")) peer.erase(0, 7);  // an IPv4 client on a dual-stack socket
      auto slot = shared_.slots.take(peer);
      if (!slot) {
        static constexpr char kBusy[] =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\n"
            "Connection: close\r\n\r\n";
        beast::error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(net::buffer(kBusy, sizeof kBusy - 1), ignored);
        socket.close(ignored);
      } else {
        std::make_shared<Session>(std::move(socket), shared_, std::move(peer), std::move(*slot))
            ->run();
      }
    }
    accept();
  }

  std::vector<std::unique_ptr<net::io_context>> &contexts_;
  std::size_t next_ = 0;  // only the accepting thread touches it
  tcp::acceptor acceptor_;
  Shared &shared_;
};

}  // namespace

// One I/O context per thread, each run by that thread alone: a connection's handlers all run on
// its thread, one after another, so they need no strand, and the threads share no scheduler
// queue or lock. (One context run by every thread locked its queue and a strand per handler:
// 10 % of the server's time under load.)
struct Server::State {
  explicit State(App &app) : shared{app, app.options()} {
    for (int i = 0; i < app.options().threads; ++i) {
      contexts.push_back(std::make_unique<net::io_context>(1));
      // Keeps run() from returning while its context has no connection yet.
      idle_guards.push_back(net::make_work_guard(*contexts.back()));
    }
  }
  Shared shared;
  // After `shared`: sessions go before what they refer to. Cleared by stop(), which destroys
  // every pending handler and with them the sessions and their sockets.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> idle_guards;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  bool running = false;
};

Server::Server(App &app) : state_(std::make_unique<State>(app)) {}

Server::~Server() { stop(); }

std::string Server::start() {
  const Options &options = state_->shared.options;
  beast::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec) fail(Status::invalid_argument, "not an IP address: " + options.host, "listen");
  try {
    state_->listener = std::make_shared<Listener>(
        state_->contexts, tcp::endpoint(address, options.port), state_->shared);
  } catch (const boost::system::system_error &error) {
    fail(Status::unsupported,
         "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " +
             error.code().message(),
         "listen");
  }
  const auto bound = state_->listener->local();
  state_->listener->run();
  for (auto &context : state_->contexts) {
    state_->threads.emplace_back([&context] { context->run(); });
  }
  state_->running = true;
  std::string host = bound.address().to_string();
  if (bound.address().is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(bound.port());
}

void Server::stop() {
  if (!state_ || !state_->running) return;
  state_->running = false;
  for (auto &context : state_->contexts) context->stop();
  for (auto &thread : state_->threads) thread.join();
  state_->threads.clear();
  // Handlers still running finish; their answers go to the stopped I/O contexts and are
  // dropped with them below.
  state_->shared.workers.pool.join();
  state_->listener.reset();
  state_->idle_guards.clear();
  state_->contexts.clear();  // closes the listener and every connection
}

}  // namespace reclaim::http
