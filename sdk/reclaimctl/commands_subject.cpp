// subject: a person's personal data, exported (to the screen or a folder with their files) or
// erased (docs/PRIVACY.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "base64.hpp"
#include "commands.hpp"
#include "json.hpp"
#include "session.hpp"

namespace reclaimctl {

namespace {

std::string required(const Args &args, const char *option) {
  auto value = args.value(option);
  if (!value || value->empty()) throw ToolError(std::string("--") + option + " is required");
  return *value;
}

std::string string_member(const Json &document, const char *key) {
  const Json *value = document.get(key);
  return value != nullptr && value->kind == Json::Kind::string ? value->text : std::string();
}

void write_file(const std::filesystem::path &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw ToolError("cannot write " + path.string());
}

}  // namespace

int run_subject_export(Session &s, const Args &args) {
  const std::string request = "{\"shop\":" + quote_json(args.value("shop").value_or("default")) +
                              ",\"email\":" + quote_json(required(args, "email")) + "}";
  char *out = nullptr;
  const int status = reclaim_subject_export(s.engine(), request.c_str(), &out);
  const Json answer = s.take("", status, out);
  const auto folder = args.value("out");
  if (!folder) {
    std::cout << (s.json() ? answer.raw : pretty_json(answer)) << "\n";
    return kExitOk;
  }
  const std::filesystem::path dir(*folder);
  if (std::filesystem::exists(dir)) throw ToolError(dir.string() + " exists; give a new folder");
  std::filesystem::create_directories(dir / "files");
  write_file(dir / "subject.json", pretty_json(answer) + "\n");
  std::size_t files = 0;
  if (const Json *attachments = answer.get("attachments")) {
    for (const Json &file : attachments->items) {
      const std::string id = string_member(file, "id");
      write_file(dir / "files" / (id + "-" + safe_name(string_member(file, "name"), id)),
                 base64_decoded(string_member(file, "data_base64"), "a file"));
      ++files;
    }
  }
  const Json *cases = answer.get("cases");
  std::cerr << "wrote " << (dir / "subject.json").string() << " (" << (cases ? cases->items.size() : 0)
            << " case(s)) and " << files << " file(s) in " << (dir / "files").string() << "\n";
  return kExitOk;
}

int run_subject_erase(Session &s, const Args &args) {
  const std::string request =
      "{\"shop\":" + quote_json(args.value("shop").value_or("default")) +
      ",\"email\":" + quote_json(required(args, "email")) +
      ",\"actor\":{\"role\":\"supervisor\",\"id\":" +
      quote_json(args.value("by").value_or("reclaimctl")) +
      "},\"reason\":" + quote_json(required(args, "reason")) + "}";
  char *out = nullptr;
  const int status = reclaim_subject_erase(s.engine(), request.c_str(), &out);
  const Json answer = s.take("", status, out);
  if (s.json()) {
    std::cout << answer.raw << "\n";
    return kExitOk;
  }
  const auto count = [&](const char *key) {
    const Json *value = answer.at(std::string("erased.") + key);
    return value ? value->cell() : std::string("0");
  };
  std::cout << "erasure " << string_member(answer, "erasure") << ": " << count("cases")
            << " case(s), " << count("orders") << " order(s), " << count("messages")
            << " mail(s), " << count("attachments") << " file(s), " << count("received_mails")
            << " received mail(s) anonymised\n";
  if (const Json *kept = answer.get("kept")) {
    for (const Json &k : kept->items) {
      std::cout << "kept " << string_member(k, "case") << ": "
                << (string_member(k, "why") == "legal_hold" ? "under a legal hold"
                                                            : "still open") << "\n";
    }
  }
  return kExitOk;
}

}  // namespace reclaimctl
