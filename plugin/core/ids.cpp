#include "core/ids.hpp"

#include <algorithm>
#include <cstdint>

#include "core/crypto.hpp"

namespace reclaim {

std::string time_ordered_id(std::string_view prefix, UnixMs at) {
  static constexpr char kDigits[] = "0123456789abcdef";
  constexpr std::size_t kTimeDigits = 11, kRandomDigits = 9;
  std::string id(prefix);
  id.resize(prefix.size() + kTimeDigits + kRandomDigits);
  auto time = static_cast<std::uint64_t>(std::max<UnixMs>(at, 0));
  for (std::size_t i = prefix.size() + kTimeDigits; i-- > prefix.size(); time >>= 4) {
    id[i] = kDigits[time & 0xf];
  }
  const std::string random = random_bytes((kRandomDigits + 1) / 2);
  for (std::size_t i = 0; i < kRandomDigits; ++i) {
    const auto byte = static_cast<unsigned char>(random[i / 2]);
    id[prefix.size() + kTimeDigits + i] = kDigits[i % 2 == 0 ? byte >> 4 : byte & 0xf];
  }
  return id;
}

}  // namespace reclaim
