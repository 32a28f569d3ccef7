// The case's documents over HTTP on each backend: linked from the customer's status page and the
// staff case page, served as PDF under the same authorisation as those pages (the signed status
// link; a staff session of the case's shop), and refused otherwise.
#include "codec/requests.hpp"
#include "core/error.hpp"
#include "staff_fixture.hpp"

namespace reclaim::http::testing {
namespace {

class Documents : public StaffDesk {};

INSTANTIATE_TEST_SUITE_P(Backends, Documents, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(Documents, TheCustomersLinkOpensTheCasesDocuments) {
  const std::string number = open_case("default", "1001", "jan@example.pl");
  const CaseRecord record = engine_.get_case(number);
  const std::string base = "/c/" + engine_.status_token(record.subject);
  Desk customer(*app_);
  const Response page = customer.get(base + "?lang=pl");
  ASSERT_EQ(page.status, 200);
  const std::string href = base + "/documents/complaint_receipt?lang=pl";
  EXPECT_NE(page.body.find("href=\"" + href + "\""), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("/documents/decision_letter"), std::string::npos)
      << "no letter before the decision";
  const Response pdf = customer.get(href);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.header("Content-Disposition"),
            "attachment; filename=\"" + number + "-complaint_receipt-pl.pdf\"");
  EXPECT_EQ(pdf.header("Cache-Control"), "private, no-store");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(customer.get(base + "/documents/decision_letter").status, 404);
  EXPECT_EQ(customer.get(base + "/documents/invoice").status, 404);
  EXPECT_NE(customer.send("POST", base + "/documents/complaint_receipt").status, 200);
  // A forged or damaged link opens nothing.
  const std::string forged = "/c/" + engine_.status_token(record.subject) + "x";
  EXPECT_NE(customer.get(forged + "/documents/complaint_receipt").status, 200);
}

TEST_P(Documents, TheStaffOfTheCasesShopGetTheLetterOnceDecided) {
  const std::string number = open_case("default", "1001", "jan@example.pl");
  Desk desk = signed_in("supervisor");
  const std::string base = "/staff/cases/" + number + "/documents/";
  EXPECT_EQ(desk.get(base + "decision_letter").status, 404);
  engine_.act(
      number,
      codec::action_request_from_json(boost::json::parse(
          R"({"action":"reject","actor":{"role":"agent","id":"anna"},"reason":"Zalany wodą"})")),
      "");
  const Response page = desk.get("/staff/cases/" + number + "?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(base + "decision_letter?lang=en"), std::string::npos) << page.body;
  const Response pdf = desk.get(base + "decision_letter?lang=ru");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_NE(pdf.header("Content-Disposition").find("-decision_letter-ru.pdf"), std::string::npos);
  EXPECT_EQ(desk.send("POST", base + "decision_letter").status, 405);
  // Another shop's staff, and nobody signed in, get nothing.
  Desk other = signed_in("agent", R"(["other"])");
  EXPECT_EQ(other.get(base + "decision_letter").status, 404);
  Desk stranger(*app_);
  EXPECT_NE(stranger.get(base + "decision_letter").status, 200);
}

}  // namespace
}  // namespace reclaim::http::testing
