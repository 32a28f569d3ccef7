#include "http/endpoint.hpp"

#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/app.hpp"
#include "http/server.hpp"

namespace reclaim::http {

namespace json = boost::json;

Endpoint::Endpoint(Engine &engine) : engine_(engine) {}

Endpoint::~Endpoint() { stop(); }

json::object Endpoint::start(const Options &options) {
  std::lock_guard lock(mutex_);
  if (server_) fail(Status::conflict, "the HTTP endpoint already runs; stop it first");
  auto app = std::make_shared<App>(engine_, options);
  auto server = std::make_unique<Server>(*app);
  const std::string bound = server->start();
  app_ = std::move(app);
  server_ = std::move(server);
  return {{"listen", bound},
          {"base_path", options.base_path},
          {"url", "http://" + bound + options.base_path + "/"}};
}

bool Endpoint::stop() {
  std::shared_ptr<App> app;  // declared first: outlives the server, which refers to it
  std::unique_ptr<Server> server;
  {
    std::lock_guard lock(mutex_);
    server = std::move(server_);
    if (server) app = std::move(app_);  // in-process requests go back to the defaults
  }
  if (!server) return false;
  server->stop();
  return true;
}

Response Endpoint::handle(const Request &request) {
  std::shared_ptr<App> app;
  {
    std::lock_guard lock(mutex_);
    if (!app_) app_ = std::make_shared<App>(engine_, Options{});
    app = app_;
  }
  // The limits the server applies before reading a body apply in-process too.
  if (request.body.size() > app->body_limit(request)) return app->error(request, 413);
  return app->handle(request);
}

Request request_from_json(const json::value &document) {
  codec::Fields fields(document, "");
  Request request;
  request.method = fields.text("method", 16).value_or("GET");
  request.path = fields.required_text("path", 4096);
  if (request.path.empty() || request.path.front() != '/') {
    fail(Status::invalid_argument, "the path starts with '/'", "path");
  }
  if (const auto question = request.path.find('?'); question != std::string::npos) {
    request.query = request.path.substr(question + 1);
    request.path.resize(question);
  }
  if (auto query = fields.text("query", 8192)) request.query = *query;
  if (const auto *headers = fields.object("headers")) {
    for (const auto &[name, value] : *headers) {
      if (!value.is_string()) {
        fail(Status::invalid_argument, "header values are strings",
             codec::field_path("headers", name));
      }
      std::string lower(name);
      for (auto &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers.emplace_back(std::move(lower), std::string(value.get_string()));
    }
  }
  if (auto body = fields.text("body", 64 * 1024 * 1024)) request.body = *body;
  if (auto encoded = fields.text("body_base64", 64 * 1024 * 1024)) {
    std::string text = *encoded;
    for (auto &c : text) {
      if (c == '+') c = '-';
      if (c == '/') c = '_';
    }
    while (!text.empty() && text.back() == '=') text.pop_back();
    auto bytes = base64url_decode(text);
    if (!bytes) fail(Status::invalid_argument, "not base64", "body_base64");
    request.body = std::move(*bytes);
  }
  request.peer = fields.text("peer", 64).value_or("");
  fields.finish();
  return request;
}

json::object response_to_json(const Response &response) {
  json::object headers;
  for (const auto &[name, value] : response.headers) headers[name] = value;
  json::object out{{"status", response.status}, {"headers", std::move(headers)}};
  const auto type = response.header("Content-Type");
  const bool text =
      type.starts_with("text/") || type.starts_with("application/json") || type.empty();
  if (text) {
    out["body"] = response.body;
  } else {
    out["body_base64"] = base64url_encode(response.body);
  }
  return out;
}

}  // namespace reclaim::http
