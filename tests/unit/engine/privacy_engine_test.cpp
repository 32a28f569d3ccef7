// Personal data on each backend: a person's export (only the asked shop's, empty for a stranger),
// erasure that leaves no byte of them in the database (the SQLite file and its log, a pg_dump of
// the schema) while reports keep their figures, legal holds, and retention over three years.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "codec/privacy_json.hpp"
#include "codec/report_json.hpp"
#include "codec/views_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"
#include "support/documents.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;

constexpr const char *kEmail = "Zofia.Prywatna@example.pl";
constexpr const char *kName = "Zofia Prywatna-Testowa";
constexpr const char *kPhone = "+48 600 700 811";
constexpr const char *kStreet = "ul. Kwiatowa 17/3";
constexpr const char *kDescription = "OPIS-ZOFII: czajnik przestal grzac";
constexpr const char *kReply = "WIADOMOSC-ZOFII: zdjecie w zalaczniku";
constexpr const char *kMailText = "MAIL-ZOFII: prosze o szybka odpowiedz";

// A tiny JPEG: a file the content check accepts.
std::string photo() {
  using namespace std::string_literals;
  return "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0photo\xFF\xD9"s;
}

EngineConfig two_shops(const std::string &database) {
  EngineConfig config;
  config.storage.database = database;
  config.manual_clock = true;
  ShopConfig main, other;
  main.timezone = other.timezone = "Europe/Warsaw";
  main.currency = other.currency = "PLN";
  other.id = "other";
  config.shops = {main, other};
  return config;
}

Order order_of(const std::string &id, const std::string &email, const std::string &name,
               UnixMs placed, const std::string &phone = kPhone,
               const std::string &street = kStreet) {
  Order order;
  order.id = id;
  order.number = "#" + id;
  order.currency = "PLN";
  order.placed_at = placed;
  order.delivered_at = placed + kMsPerDay;
  order.customer = Customer{email, name, "pl", "consumer", phone, ""};
  order.shipping_address = Address{street, "", "Gdynia", "81-350", "", "PL"};
  OrderLine line;
  line.id = "1";
  line.sku = "KET-1";
  line.name = "Kettle";
  line.qty = 2;
  line.unit_price = *Decimal::parse("149.00");
  line.category = "kitchen";
  line.supplier = "Elektro";
  order.lines = {line};
  return order;
}

class PrivacyEngine : public ::testing::TestWithParam<std::string> {
 protected:
  PrivacyEngine() : database_(test::fresh_database(GetParam())) {
    engine_ = std::make_unique<Engine>(two_shops(database_));
    engine_->set_clock(*parse_rfc3339("2026-11-02T10:00:00Z"));
  }

  // A customer's complaint about one kettle of their order, with a description.
  CaseRecord open(const std::string &shop, const std::string &order_id, const std::string &email,
                  Kind kind = Kind::complaint, const std::string &description = kDescription) {
    OpenRequest request;
    request.shop = shop;
    request.kind = kind;
    request.actor = {Role::customer, ""};
    request.order_id = order_id;
    request.customer = Customer{email, "", "pl", "", "", ""};
    OpenItem item;
    item.line = "1";
    item.qty = 1;
    item.reason = kind == Kind::complaint ? "defect" : "changed_mind";
    item.field = "items[0]";
    request.items = {item};
    request.description = description;
    return engine_->open_case(request, "");
  }
  CaseRecord act(const std::string &number, Action action, Role role,
                 const std::function<void(ActionRequest &)> &fill = {}) {
    ActionRequest request;
    request.action = action;
    request.actor = {role, role == Role::customer ? "" : "ewa"};
    if (fill) fill(request);
    return engine_->act(number, request, "");
  }
  void reject(const std::string &number) {
    act(number, Action::reject, Role::supervisor, [](ActionRequest &r) {
      r.reason = "Zużycie eksploatacyjne, nie wada.";
    });
  }
  Erasure erase(const std::string &email, const std::string &shop = "default") {
    return engine_->subject_erase({shop, email, {Role::supervisor, "ewa"}, "customer's request"});
  }
  std::string tracing_history() {
    // Zofia: an order, a case she wrote in with a reply, a photo and an e-mail, then rejected.
    engine_->import_order("default", order_of("Z1", kEmail, kName, engine_->now() - 5 * kMsPerDay));
    const std::string number = open("default", "Z1", kEmail).subject.number;
    act(number, Action::request_info, Role::agent,
        [](ActionRequest &r) { r.message = "Prosimy o zdjęcie."; });
    act(number, Action::reply, Role::customer, [](ActionRequest &r) { r.message = kReply; });
    engine_->add_attachment(engine_->get_case(number).subject.id, "zofia-czajnik.jpg", photo());
    engine_->receive_mail("default", std::string("From: ") + kName + " <" + kEmail +
                                         ">\r\nTo: shop@example.pl\r\nSubject: " + number +
                                         "\r\nMessage-ID: <z1@example.pl>\r\n\r\n" + kMailText +
                                         "\r\n");
    reject(number);
    return number;
  }

  // Everything the database holds, as bytes: the SQLite file and its log, or a pg_dump.
  std::string database_bytes() {
    if (GetParam() == "sqlite") {
      const std::string path = database_.substr(std::string("sqlite:").size());
      std::string bytes;
      for (const auto &file : {path, path + "-wal"}) {
        std::ifstream in(file, std::ios::binary);
        bytes.append(std::istreambuf_iterator<char>(in), {});
      }
      return bytes;
    }
    const std::string schema = database_.substr(database_.find("%3D") + 3);
    const std::string command = "pg_dump -d '" + test::postgresql_admin() +
                                "' --no-owner --data-only --schema=" + schema + " 2>&1";
    std::string dump;
    FILE *pipe = popen(command.c_str(), "r");
    char buffer[65536];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) dump.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << dump;
    return dump;
  }
  static bool contains(const std::string &bytes, const std::string &needle) {
    return bytes.find(needle) != std::string::npos;
  }

  std::string database_;
  std::unique_ptr<Engine> engine_;
};

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyEngine, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(PrivacyEngine, ExportHoldsThePersonsCasesOrdersMailsAndFilesOfTheAskedShopOnly) {
  const std::string number = tracing_history();
  engine_->import_order("other", order_of("Z9", kEmail, kName, engine_->now() - kMsPerDay));
  const CaseRecord elsewhere_case = open("other", "Z9", kEmail);
  const std::string elsewhere = elsewhere_case.subject.number;
  act(number, Action::comment, Role::agent, [](ActionRequest &r) { r.message = "Tylko dla nas."; });

  const json::object data = codec::to_json(
      engine_->subject_export({"default", "zofia.prywatna@EXAMPLE.pl", {}, ""}));
  ASSERT_EQ(data.at("cases").as_array().size(), 1u);
  const auto &c = data.at("cases").as_array()[0].as_object();
  EXPECT_EQ(std::string(c.at("number").as_string()), number);
  EXPECT_EQ(c.at("description").as_string(), kDescription);
  EXPECT_FALSE(c.contains("status_token"));
  bool internal_note = false, reply = false;
  for (const auto &entry : c.at("history").as_array()) {
    const auto &e = entry.as_object();
    if (e.at("action") == "comment") internal_note = e.at("internal").as_bool();
    if (e.at("action") == "reply" && e.at("data").as_object().contains("message")) {
      reply = reply || (e.at("data").at("message") == kReply && !e.at("internal").as_bool());
    }
  }
  EXPECT_TRUE(internal_note);
  EXPECT_TRUE(reply);
  ASSERT_EQ(data.at("orders").as_array().size(), 1u);
  EXPECT_EQ(data.at("orders").as_array()[0].at("shipping").at("address").at("line1"), kStreet);
  ASSERT_EQ(data.at("attachments").as_array().size(), 1u);
  EXPECT_EQ(data.at("attachments").as_array()[0].at("name"), "zofia-czajnik.jpg");
  EXPECT_FALSE(data.at("attachments").as_array()[0].at("data_base64").as_string().empty());
  ASSERT_EQ(data.at("received_mails").as_array().size(), 1u);
  EXPECT_EQ(std::string(data.at("received_mails").as_array()[0].at("case_number").as_string()), number);
  EXPECT_FALSE(data.at("messages").as_array().empty());
  for (const auto &m : data.at("messages").as_array()) {
    EXPECT_TRUE(same_email(std::string(m.at("to").as_string()), kEmail));
  }
  EXPECT_EQ(json::serialize(data).find(elsewhere_case.subject.id), std::string::npos);

  const json::object other = codec::to_json(engine_->subject_export({"other", kEmail, {}, ""}));
  ASSERT_EQ(other.at("cases").as_array().size(), 1u);
  EXPECT_EQ(std::string(other.at("cases").as_array()[0].at("number").as_string()), elsewhere);

  const json::object stranger =
      codec::to_json(engine_->subject_export({"default", "nobody@example.pl", {}, ""}));
  for (const char *list : {"cases", "orders", "messages", "received_mails", "attachments"}) {
    EXPECT_TRUE(stranger.at(list).as_array().empty()) << list;
  }
  EXPECT_THROW(engine_->subject_export({"nowhere", kEmail, {}, ""}), Error);
}

TEST_P(PrivacyEngine, ErasureLeavesNoByteOfThePersonAndKeepsOpenAndHeldCases) {
  const std::string number = tracing_history();
  // A second order of hers with an open case, and one under a legal hold: both kept whole.
  engine_->import_order("default", order_of("Z2", kEmail, kName, engine_->now() - kMsPerDay));
  const std::string open_case = open("default", "Z2", kEmail).subject.number;
  engine_->import_order("default", order_of("Z3", kEmail, kName, engine_->now() - kMsPerDay));
  const std::string held = open("default", "Z3", kEmail, Kind::return_).subject.number;
  reject(held);
  act(held, Action::legal_hold, Role::supervisor, [](ActionRequest &r) {
    r.hold = true;
    r.reason = "Spór sądowy";
  });
  // Another customer, untouched: the scan below sees them, so it does see the data.
  engine_->import_order("default", order_of("K1", "karol@example.pl", "Karol Zostaje",
                                            engine_->now(), "+48 500 111 222", "ul. Lipowa 1"));
  open("default", "K1", "karol@example.pl", Kind::complaint, "OPIS-KAROLA");

  const std::string token = engine_->get_case(number).status_token;
  ASSERT_TRUE(engine_->case_of_token(token, "default"));
  const Erasure first = erase("zofia.prywatna@example.pl");
  EXPECT_EQ(first.cases, 1);
  EXPECT_EQ(first.orders, 1);  // Z1; Z2 and Z3 belong to kept cases
  EXPECT_EQ(first.attachments, 1);
  EXPECT_GE(first.received, 1);
  ASSERT_EQ(first.kept.size(), 2u);
  EXPECT_EQ(first.kept[0].number, open_case);
  EXPECT_EQ(first.kept[0].why, "open");
  EXPECT_EQ(first.kept[1].number, held);
  EXPECT_EQ(first.kept[1].why, "legal_hold");

  const CaseRecord erased = engine_->get_case(number);
  EXPECT_TRUE(erased.subject.anonymised_at);
  EXPECT_EQ(erased.subject.state, State::rejected);
  EXPECT_EQ(erased.subject.items.at(0).sku, "KET-1");
  EXPECT_EQ(erased.history.back().action, "anonymise");
  EXPECT_THROW(act(number, Action::reopen, Role::supervisor, [](ActionRequest &r) { r.reason = "x"; }),
               Error);
  EXPECT_FALSE(engine_->case_of_token(token, "default"));  // the customer's link opens nothing

  // Again: nothing more to do, the same cases kept.
  const Erasure again = erase(kEmail);
  EXPECT_EQ(again.cases, 0);
  EXPECT_EQ(again.orders, 0);
  EXPECT_EQ(again.kept.size(), 2u);

  // Now the open one ends and the hold is released: a third erasure takes the rest.
  act(open_case, Action::cancel, Role::customer, [](ActionRequest &r) { r.reason = "Już nie."; });
  act(held, Action::legal_hold, Role::supervisor, [](ActionRequest &r) { r.hold = false; });
  const Erasure last = erase(kEmail);
  EXPECT_EQ(last.cases, 2);
  EXPECT_EQ(last.orders, 2);
  EXPECT_TRUE(last.kept.empty());

  // The host sends an erased order again: it stays without its customer.
  engine_->import_order("default", order_of("Z1", kEmail, kName, engine_->now() - 5 * kMsPerDay));
  EXPECT_FALSE(same_email(engine_->order("default", "Z1").customer.email, kEmail));
  EXPECT_FALSE(engine_->order("default", "Z1").shipping_address);
  EXPECT_EQ(engine_->order("default", "Z1").lines.at(0).sku, "KET-1");

  const std::string bytes = database_bytes();
  EXPECT_TRUE(contains(bytes, "karol@example.pl"));
  EXPECT_TRUE(contains(bytes, "Karol Zostaje"));
  EXPECT_TRUE(contains(bytes, "ul. Lipowa 1"));
  EXPECT_TRUE(contains(bytes, "OPIS-KAROLA"));
  for (const std::string &trace : {std::string(kEmail), std::string("zofia.prywatna@example.pl"),
                                  std::string(kName), std::string(kPhone), std::string(kStreet),
                                  std::string(kDescription), std::string(kReply),
                                  std::string(kMailText), std::string("zofia-czajnik.jpg")}) {
    EXPECT_FALSE(contains(bytes, trace)) << "left in the database: " << trace;
  }
}

TEST_P(PrivacyEngine, ErasureNeedsASupervisorOrTheHostAndAReason) {
  tracing_history();
  EXPECT_THROW(engine_->subject_erase({"default", kEmail, {Role::agent, "piotr"}, "asked"}), Error);
  EXPECT_THROW(engine_->subject_erase({"default", kEmail, {Role::supervisor, "ewa"}, ""}), Error);
  EXPECT_THROW(engine_->subject_erase({"default", "", {Role::supervisor, "ewa"}, "asked"}), Error);
  EXPECT_FALSE(engine_->subject_export({"default", kEmail, {}, ""}).cases.empty());
  // Erasing a stranger is no error and changes nothing.
  EXPECT_EQ(erase("nobody@example.pl").cases, 0);
}

TEST_P(PrivacyEngine, EveryReportGivesTheSameFiguresAfterErasingAThirdOfTheCustomers) {
  const UnixMs start = engine_->now();
  std::vector<std::string> emails;
  for (int person = 0; person < 9; ++person) {
    emails.push_back("osoba" + std::to_string(person) + "@example.pl");
  }
  for (int i = 0; i < 27; ++i) {
    engine_->set_clock(start + i * kMsPerHour * 7);
    const std::string &email = emails[static_cast<std::size_t>(i % 9)];
    const std::string order_id = "R" + std::to_string(i);
    engine_->import_order("default", order_of(order_id, email, "Osoba " + std::to_string(i % 9),
                                              engine_->now() - kMsPerDay));
    const std::string number =
        open("default", order_id, email, i % 3 == 0 ? Kind::return_ : Kind::complaint).subject.number;
    if (i % 4 == 0) {
      reject(number);
      if (i % 8 == 0) act(number, Action::rate, Role::customer, [](ActionRequest &r) { r.score = 4; });
    }
    if (i % 4 == 1) {
      act(number, Action::accept, Role::supervisor, [](ActionRequest &r) {
        r.resolution = Resolution{ResolutionType::refund, Money{*Decimal::parse("149.00"), "PLN"}};
      });
      act(number, Action::fulfil, Role::supervisor, [](ActionRequest &r) { r.reference = "RF-1"; });
    }
    if (i % 4 == 2) act(number, Action::cancel, Role::customer, [](ActionRequest &r) { r.reason = "x"; });
  }
  engine_->set_clock(start + 30 * kMsPerDay);
  const auto reports = [&] {
    std::string all;
    for (std::size_t g = 0; g < std::size(kGroupingNames); ++g) {
      ReportQuery query;
      query.shop = "default";
      query.group_by = static_cast<Grouping>(g);
      all += json::serialize(codec::to_json(engine_->report(query))) + "\n";
    }
    return all;
  };
  const std::string before = reports();
  int erased = 0;
  for (int person = 0; person < 3; ++person) erased += erase(emails[static_cast<std::size_t>(person)]).cases;
  EXPECT_GT(erased, 0);
  EXPECT_EQ(reports(), before);
}

TEST_P(PrivacyEngine, RetentionAnonymisesExactlyTheFinishedCasesPastTheLimitOnceEvenWithTwoTickers) {
  set_policy(*engine_, "default",
             json::parse(R"({"jurisdiction":"PL","retention":{"anonymise_closed_after_days":365}})"));
  const UnixMs start = engine_->now();
  std::vector<std::string> finished, open_ones;
  std::string held;
  for (int i = 0; i < 12; ++i) {
    engine_->set_clock(start + i * 90 * kMsPerDay);  // a case each quarter, over three years
    const std::string email = "r" + std::to_string(i) + "@example.pl";
    engine_->import_order("default", order_of("T" + std::to_string(i), email, "Retencja " + std::to_string(i),
                                              engine_->now() - kMsPerDay));
    const std::string number = open("default", "T" + std::to_string(i), email).subject.number;
    if (i % 3 == 2) {
      open_ones.push_back(number);
      continue;
    }
    reject(number);
    finished.push_back(number);
  }
  held = finished.front();
  act(held, Action::legal_hold, Role::supervisor, [](ActionRequest &r) {
    r.hold = true;
    r.reason = "Kontrola UOKiK";
  });
  const UnixMs end = start + 3 * 365 * kMsPerDay;
  engine_->set_clock(end);

  // A second engine on the same database: both tick the same instant at once.
  Engine second(two_shops(database_));
  second.set_clock(end);
  int anonymised[2] = {0, 0};
  std::thread a([&] { anonymised[0] = engine_->tick().anonymised; });
  std::thread b([&] { anonymised[1] = second.tick().anonymised; });
  a.join();
  b.join();

  int expected = 0;
  for (const auto &number : finished) {
    const CaseRecord record = engine_->get_case(number);
    const bool past = record.subject.updated_at <= end - 365 * kMsPerDay;
    const bool should = past && number != held;
    expected += should ? 1 : 0;
    EXPECT_EQ(record.subject.anonymised_at.has_value(), should) << number;
    int entries = 0;
    for (const auto &entry : record.history) entries += entry.action == "anonymise" ? 1 : 0;
    EXPECT_EQ(entries, should ? 1 : 0) << number;
  }
  for (const auto &number : open_ones) EXPECT_FALSE(engine_->get_case(number).subject.anonymised_at);
  EXPECT_GT(expected, 0);
  EXPECT_LT(expected, static_cast<int>(finished.size()) - 1);
  EXPECT_EQ(anonymised[0] + anonymised[1], expected);
  EXPECT_EQ(engine_->tick().anonymised, 0);
}

TEST_P(PrivacyEngine, RetentionShorterThanTheAppealWindowIsRefused) {
  EXPECT_THROW(set_policy(*engine_, "default",
                          json::parse(R"({"jurisdiction":"PL","retention":{"anonymise_closed_after_days":3}})")),
               Error);
  EXPECT_THROW(set_policy(*engine_, "default", json::parse(R"({"retention":{}})")), Error);
}

}  // namespace
}  // namespace reclaim
