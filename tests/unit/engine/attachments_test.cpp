// Issue 18, findings 6 and 7, in the engine on each backend: files only on cases that take them,
// per-case quotas, a reply's files kept in the reply's own transaction, and libmagic's opinion.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <functional>

#include "codec/requests.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

namespace json = boost::json;
using namespace std::string_literals;

const std::string kJpeg = "\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0photo\xFF\xD9"s;
const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

EngineConfig config_for(const std::string &backend, AttachmentQuota quota = {}) {
  EngineConfig config;
  config.storage.database = test::fresh_database(backend);
  config.manual_clock = true;
  ShopConfig shop;
  shop.attachments = quota;
  config.shops = {shop};
  return config;
}

std::string open_case(Engine &engine) {
  Order order;
  order.id = "1";
  order.number = "#1";
  order.currency = "EUR";
  order.customer.email = "jan@example.pl";
  OrderLine line;
  line.id = "1";
  line.name = "Kettle";
  line.qty = 5;
  line.unit_price = *Decimal::parse("19.99");
  order.lines = {line};
  engine.import_order("default", order);
  const auto document = json::parse(
      R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":"1","items":[{"line":"1","qty":1,"reason":"defect"}]})");
  return engine.open_case(codec::open_request_from_json(document), json::serialize(document))
      .subject.id;
}

void act(Engine &engine, const std::string &id, const std::string &text,
         const std::vector<Upload> &files = {}) {
  engine.act(id, codec::action_request_from_json(json::parse(text)), text, files);
}

const char *kAskInfo =
    R"({"action":"request_info","actor":{"role":"agent","id":"a"},"message":"A photo, please"})";
const char *kReply = R"({"action":"reply","actor":{"role":"customer"},"message":"Here"})";

std::string rule_of(const std::function<void()> &call) {
  try {
    call();
  } catch (const Error &error) {
    return error.rule();
  }
  return "(nothing thrown)";
}

class Attachments : public ::testing::TestWithParam<std::string> {};

INSTANTIATE_TEST_SUITE_P(Backends, Attachments, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(Attachments, ACancelledOrClosedCaseTakesNoFiles) {
  Engine engine(config_for(GetParam()));
  const std::string id = open_case(engine);
  EXPECT_NO_THROW(engine.add_attachment(id, "a.jpg", kJpeg));
  act(engine, id, R"({"action":"cancel","actor":{"role":"customer"}})");
  EXPECT_EQ(rule_of([&] { engine.add_attachment(id, "b.jpg", kJpeg); }), "attachment_state");
  EXPECT_EQ(engine.customer_view(id).attachments.size(), 1u);
}

TEST_P(Attachments, TheQuotaCountsFilesAndBytesPerCase) {
  Engine engine(config_for(GetParam(), {2, 1000}));
  const std::string id = open_case(engine);
  engine.add_attachment(id, "", kJpeg);
  engine.add_attachment(id, "", kJpeg);
  try {
    engine.add_attachment(id, "", kJpeg);
    ADD_FAILURE() << "a third file was kept";
  } catch (const Error &error) {
    EXPECT_EQ(error.status(), Status::not_allowed);
    EXPECT_EQ(error.rule(), "attachment_quota");
    EXPECT_NE(std::string(error.what()).find("at most 2 files and 1000 bytes per case"),
              std::string::npos)
        << error.what();
  }
  // Bytes: a second case, one file of 1000 bytes over the quota.
  const std::string other = open_case(engine);
  EXPECT_EQ(rule_of([&] { engine.add_attachment(other, "", kPdf + std::string(1000, ' ')); }),
            "attachment_quota");
  EXPECT_EQ(engine.customer_view(other).attachments.size(), 0u);
}

TEST_P(Attachments, ARefusedReplyKeepsNoneOfItsFiles) {
  Engine engine(config_for(GetParam()));
  const std::string id = open_case(engine);
  // Not waiting for the customer: the reply is refused, and so are its files.
  EXPECT_EQ(rule_of([&] { act(engine, id, kReply, {{"a.jpg", kJpeg}}); }), "state_not_allowed");
  EXPECT_TRUE(engine.customer_view(id).attachments.empty());
  // A reply refused for a stale version keeps nothing either.
  act(engine, id, kAskInfo);
  EXPECT_THROW(
      act(engine, id,
          R"({"action":"reply","actor":{"role":"customer"},"message":"x","expected_version":1})",
          {{"a.jpg", kJpeg}}),
      Error);
  EXPECT_TRUE(engine.customer_view(id).attachments.empty());
  // The accepted reply keeps its files and names them in its history entry.
  act(engine, id, kReply, {{"a.jpg", kJpeg}, {"b.pdf", kPdf}});
  const CustomerView view = engine.customer_view(id);
  ASSERT_EQ(view.attachments.size(), 2u);
  const auto &data = view.history.back().data;
  ASSERT_TRUE(data.contains("attachments"));
  EXPECT_EQ(data.at("attachments").as_array().size(), 2u);
}

TEST_P(Attachments, AReplyBeyondTheQuotaIsRefusedWhole) {
  Engine engine(config_for(GetParam(), {1, 1 << 20}));
  const std::string id = open_case(engine);
  act(engine, id, kAskInfo);
  EXPECT_EQ(rule_of([&] {
              act(engine, id, kReply, {{"", kJpeg}, {"", kJpeg}});
            }),
            "attachment_quota");
  EXPECT_EQ(engine.customer_view(id).subject.state, State::waiting_for_customer);
  EXPECT_TRUE(engine.customer_view(id).attachments.empty());
}

TEST_P(Attachments, AReplyNamesOnlyFilesOfItsOwnCase) {
  Engine engine(config_for(GetParam()));
  const std::string id = open_case(engine);
  const std::string other = open_case(engine);
  const Attachment foreign = engine.add_attachment(other, "", kJpeg);
  act(engine, id, kAskInfo);
  ActionRequest reply = codec::action_request_from_json(json::parse(kReply));
  reply.attachments = {foreign.id};
  try {
    engine.act(id, reply, "h");
    ADD_FAILURE();
  } catch (const Error &error) {
    EXPECT_EQ(error.field(), "attachments[0]");
  }
  EXPECT_FALSE(engine.attachment(id, foreign.id).has_value());
  const auto described = engine.attachment(other, foreign.id, false);
  ASSERT_TRUE(described.has_value());
  EXPECT_TRUE(described->data.empty());
  EXPECT_EQ(described->size, static_cast<std::int64_t>(kJpeg.size()));
  EXPECT_EQ(engine.attachment(other, foreign.id)->data, kJpeg);
}

// Finding 7: a PDF whose first block is also a tar header passes the structural rules (it
// starts as a PDF and ends with %%EOF); libmagic reads it as an archive, and it is refused.
TEST_P(Attachments, LibmagicMustAgreeWithTheType) {
  Engine engine(config_for(GetParam()));
  const std::string id = open_case(engine);
  std::string header(512, '\0');
  header.replace(0, 14, "%PDF-1.4\n%tar\n");
  header.replace(257, 6, "ustar\0"s);
  header.replace(148, 8, std::string(8, ' '));
  unsigned sum = 0;
  for (unsigned char c : header) sum += c;
  char checksum[9];
  std::snprintf(checksum, sizeof checksum, "%06o", sum);
  header.replace(148, 8, std::string(checksum, 6) + "\0 "s);
  const std::string polyglot = header + "\n%%EOF\n";
  EXPECT_EQ(sniff_content_type(polyglot), "application/pdf");  // the rules alone let it in
  EXPECT_EQ(rule_of([&] { engine.judge_attachment(polyglot); }), "attachment_type");
  EXPECT_EQ(rule_of([&] { engine.add_attachment(id, "", polyglot); }), "attachment_type");
  EXPECT_EQ(engine.judge_attachment(kPdf), "application/pdf");
  EXPECT_EQ(engine.judge_attachment(kJpeg), "image/jpeg");
  // A PNG header followed by junk, and a PDF that is also a page: refused by the rules.
  EXPECT_EQ(rule_of([&] {
              engine.judge_attachment("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s + std::string(17, '\0') +
                                      "junk" + "\0\0\0\0IEND\xAE\x42\x60\x82"s);
            }),
            "attachment_type");
  EXPECT_EQ(rule_of([&] { engine.judge_attachment("%PDF-1.4\n<html><script>x</script>\n%%EOF"); }),
            "attachment_type");
}

// The customer form's photos go in with the case it opens, in one transaction.
TEST_P(Attachments, AnOpeningKeepsItsFilesOrNothing) {
  Engine engine(config_for(GetParam(), {1, 1 << 20}));
  open_case(engine);  // imports the order
  const auto document = json::parse(
      R"({"kind":"complaint","actor":{"role":"agent","id":"a"},"order_id":"1","items":[{"line":"1","qty":1,"reason":"defect"}]})");
  const OpenRequest request = codec::open_request_from_json(document);
  EXPECT_EQ(rule_of([&] {
              engine.open_case(request, "h1", {{"a.jpg", kJpeg}, {"b.pdf", kPdf}});
            }),
            "attachment_quota");
  EXPECT_EQ(engine.list_cases({}).cases.size(), 1u);  // only the first, opened above
  const CaseRecord opened = engine.open_case(request, "h2", {{"a.jpg", kJpeg}});
  const auto files = engine.customer_view(opened.subject.id).attachments;
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].name, "a.jpg");
  EXPECT_EQ(files[0].content_type, "image/jpeg");
}

TEST(AttachmentConfig, TheShopsQuotaIsConfigurable) {
  const auto config = config_from_json(json::parse(
      R"({"database":"sqlite::memory:","shops":[{"id":"default","attachments":{"max_files":5,"max_bytes":1048576}},{"id":"b"}]})"));
  EXPECT_EQ(config.shops[0].attachments.max_files, 5);
  EXPECT_EQ(config.shops[0].attachments.max_bytes, 1048576);
  EXPECT_EQ(config.shops[1].attachments.max_files, 20);
  EXPECT_EQ(config.shops[1].attachments.max_bytes, 50 * 1024 * 1024);
  EXPECT_THROW(
      config_from_json(json::parse(
          R"({"database":"sqlite::memory:","shops":[{"id":"a","attachments":{"max_file":5}}]})")),
      Error);
}

}  // namespace
}  // namespace reclaim
