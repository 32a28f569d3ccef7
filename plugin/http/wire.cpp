#include "http/wire.hpp"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cctype>

#include "http/app.hpp"

namespace reclaim::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

void to_request(const bhttp::request_header<> &in, const std::string &peer, Request &out) {
  const std::string_view method = in.method_string();
  out.method.assign(method.data(), method.size());
  const std::string_view target = in.target();
  const auto question = target.find('?');
  out.path.assign(target.substr(0, question));
  out.query.assign(question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
  std::size_t count = 0;
  for (const auto &field : in) {
    if (count == out.headers.size()) out.headers.emplace_back();
    auto &[name, value] = out.headers[count++];
    const std::string_view given = field.name_string();
    name.assign(given.data(), given.size());
    for (auto &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string_view text = field.value();
    value.assign(text.data(), text.size());
  }
  out.headers.resize(count);
  out.body.clear();
  out.peer.assign(peer);
}

Request to_request(const bhttp::request_header<> &in, const std::string &peer) {
  Request out;
  to_request(in, peer, out);
  return out;
}

std::size_t body_limit_of(App &app, const bhttp::request_header<> &head, const std::string &peer) {
  if (head.method() != bhttp::verb::post) return app.options().form_limit;
  return app.body_limit(to_request(head, peer));
}

namespace {

using Parser = bhttp::request_parser<bhttp::string_body>;

// Feeds the parser from `rest` until `done` says so; `ec` holds the parser's error, if any. False
// when the bytes ran out first, with `ec` as Beast's read gives it at the end of the stream:
// end_of_stream before any byte of the message, else the parser's verdict (partial_message).
template <class Done>
bool feed(Parser &parser, std::string_view &rest, beast::error_code &ec, Done done) {
  while (!done()) {
    if (rest.empty()) {
      if (parser.got_some()) {
        parser.put_eof(ec);
      } else {
        ec = bhttp::error::end_of_stream;
      }
      return false;
    }
    const std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == bhttp::error::need_more) {
      ec = {};
      if (used == 0) rest = {};  // it wants more than there is
      continue;
    }
    if (ec) return true;
    if (used == 0 && !done()) rest = {};
  }
  return true;
}

// The answer to a request that could not be read: its path when the header arrived.
Response unreadable(App &app, const Parser &parser, int status) {
  Request request;
  request.method = "GET";
  if (parser.is_header_done()) {
    const std::string_view target = parser.get().target();
    request.path = std::string(target.substr(0, target.find('?')));
  }
  return app.error(request, status);
}

int status_of(const beast::error_code &ec) {
  if (ec == bhttp::error::header_limit) return 431;
  if (ec == bhttp::error::body_limit) return 413;
  return 400;
}

}  // namespace

std::vector<Response> serve_bytes(App &app, std::string_view bytes, const std::string &peer,
                                  std::size_t max_requests) {
  std::vector<Response> out;
  const Options &options = app.options();
  while (!bytes.empty() && out.size() < max_requests) {
    Parser parser;
    parser.header_limit(kHeaderLimit);
    // As the server: the largest limit until the header names the route and the content type.
    parser.body_limit(std::max(options.form_limit, options.upload_limit));
    beast::error_code ec;
    const bool whole = feed(parser, bytes, ec, [&] { return parser.is_header_done(); });
    if (!whole && ec == bhttp::error::end_of_stream) break;  // the server closes
    if (ec) {
      out.push_back(unreadable(app, parser, status_of(ec)));
      break;
    }
    const std::size_t limit = body_limit_of(app, parser.get(), peer);
    if (parser.content_length() && *parser.content_length() > limit) {
      out.push_back(unreadable(app, parser, 413));
      break;
    }
    parser.body_limit(limit);
    if (!feed(parser, bytes, ec, [&] { return parser.is_done(); })) break;  // closed mid-body
    if (ec) {
      out.push_back(unreadable(app, parser, status_of(ec)));
      break;
    }
    auto request = parser.release();
    Request handled = to_request(request, peer);
    handled.body = std::move(request.body());
    out.push_back(app.handle(handled));
    if (!request.keep_alive()) break;
  }
  return out;
}

}  // namespace reclaim::http
