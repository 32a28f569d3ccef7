// case file: saves a file of a case (a customer's photo or document) to disk, checked against
// the SHA-256 the library recorded when the file was received.
#include <openssl/sha.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "base64.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "session.hpp"

namespace reclaimctl {

namespace {

std::string sha256_hex(const std::string &bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 15];
  }
  return hex;
}

}  // namespace

std::string safe_name(const std::string &given, const std::string &id) {
  std::string name = given.substr(given.find_last_of("/\\") == std::string::npos
                                      ? 0
                                      : given.find_last_of("/\\") + 1);
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (name.empty() || name == "." || name == ".." || name.front() == '-') return id;
  return name;
}

namespace {

// A string member of the library's answer ("" when absent).
std::string text_of(const Json &document, const char *key) {
  const Json *value = document.get(key);
  return value != nullptr && value->kind == Json::Kind::string ? value->text : std::string();
}

}  // namespace

int run_case_file(Session &s, const Args &args) {
  const std::string &ref = args.positional[0];
  const std::string &id = args.positional[1];
  char *out = nullptr;
  const int status = reclaim_attachment_get(s.engine(), ref.c_str(), id.c_str(), &out);
  const Json file = s.take("", status, out);
  const std::string bytes = base64_decoded(text_of(file, "data_base64"), "a file");
  if (sha256_hex(bytes) != text_of(file, "sha256")) {
    throw ToolError("file " + id + " does not match the SHA-256 recorded when it was received");
  }
  const std::string path = args.value("out").value_or(safe_name(text_of(file, "name"), id));
  if (path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return kExitOk;
  }
  if (std::filesystem::exists(path) && !args.flag("force")) {
    throw ToolError(path + " exists; choose another --out or add --force");
  }
  std::ofstream written(path, std::ios::binary | std::ios::trunc);
  written.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  written.close();
  if (!written) throw ToolError("cannot write " + path);
  std::cerr << "saved " << path << " (" << text_of(file, "content_type") << ", " << bytes.size()
            << " bytes, sha256 " << text_of(file, "sha256") << ")\n";
  return kExitOk;
}

}  // namespace reclaimctl
