// case document: a case's complaint receipt, decision letter or return slip as a PDF file.
#include <fstream>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "json.hpp"
#include "reclaim/reclaim.h"

namespace reclaimctl {

namespace {

// Standard base64 as reclaim_document writes it (padded, no line breaks).
std::string base64_decode(const std::string &text) {
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '+')
      value = 62;
    else if (c == '/')
      value = 63;
    else if (c == '=')
      break;
    else
      throw ToolError("the library's document is not base64");
    buffer = (buffer << 6) | static_cast<unsigned int>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace

int run_case_document(Session &s, const Args &args) {
  const auto type = args.value("type");
  if (!type)
    throw UsageError("give the document: --type complaint_receipt|decision_letter|return_slip");
  std::string request = "{\"type\":" + quote_json(*type);
  if (auto locale = args.value("locale")) request += ",\"locale\":" + quote_json(*locale);
  request += "}";
  char *out = nullptr;
  const int status =
      reclaim_document(s.engine(), args.positional.at(0).c_str(), request.c_str(), &out);
  Json document = s.take("", status, out);
  if (s.json()) {
    std::cout << document.raw << "\n";
    return kExitOk;
  }
  const auto field = [&](const char *key) {
    return document.get(key) ? document.get(key)->text : "";
  };
  const std::string path = args.value("out").value_or(field("filename"));
  const std::string pdf = base64_decode(field("data_base64"));
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file || !file.write(pdf.data(), static_cast<std::streamsize>(pdf.size())) || !file.flush()) {
    throw ToolError("cannot write " + path);
  }
  std::cout << path << " (" << pdf.size() << " bytes)\n";
  return kExitOk;
}

}  // namespace reclaimctl
