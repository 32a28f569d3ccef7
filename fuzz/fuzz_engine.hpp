// What the C++ fuzz targets share: an in-memory engine over the internal layers (a target that
// keeps one replaces it every kFuzzRenew inputs, so that what the inputs create does not pile up
// and slow the run down or fill its memory), and small helpers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "engine/config.hpp"
#include "engine/engine.hpp"

namespace reclaim::fuzz {

inline constexpr int kFuzzRenew = 5000;

inline constexpr std::string_view kOrder =
    R"({"id":"1001","number":"N1001","currency":"EUR",)"
    R"("placed_at":"2026-11-01T10:00:00Z","delivered_at":"2026-11-05T10:00:00Z",)"
    R"("customer":{"email":"jan@example.pl","name":"Jan"},)"
    R"("lines":[{"id":"1","sku":"KET-1","name":"Kettle","qty":2,"unit_price":"199.99"}]})";

inline EngineConfig memory_config() {
  EngineConfig config;
  config.storage.database = "sqlite::memory:";
  config.manual_clock = true;
  config.shops.emplace_back();
  return config;
}

// A fresh in-memory engine, its clock at 2026-12-01T12:00:00Z, with the order 1001 imported.
inline std::unique_ptr<Engine> make_engine() {
  auto engine = std::make_unique<Engine>(memory_config());
  engine->set_clock(1'796'126'400'000);
  engine->import_host_order("default", "reclaim", kOrder);
  return engine;
}

inline std::string_view as_text(const std::uint8_t *data, std::size_t size) {
  return {reinterpret_cast<const char *>(data), size};
}

// Splits `text` at its first newline: the line, and the rest after it.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// A broken invariant: say which, then abort so that libFuzzer keeps the input.
[[noreturn]] inline void broken(const char *what) {
  std::fputs(what, stderr);
  std::fputc('\n', stderr);
  std::abort();
}

}  // namespace reclaim::fuzz
