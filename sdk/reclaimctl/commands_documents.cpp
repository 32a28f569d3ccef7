// case document: a case's complaint receipt, decision letter or return slip as a PDF file.
#include <fstream>
#include <iostream>
#include <string>

#include "base64.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "reclaim/reclaim.h"

namespace reclaimctl {

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
  const std::string pdf = base64_decoded(field("data_base64"), "a document");
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file || !file.write(pdf.data(), static_cast<std::streamsize>(pdf.size())) || !file.flush()) {
    throw ToolError("cannot write " + path);
  }
  std::cout << path << " (" << pdf.size() << " bytes)\n";
  return kExitOk;
}

}  // namespace reclaimctl
