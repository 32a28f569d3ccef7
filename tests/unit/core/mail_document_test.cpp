// Which customer mails carry which document (the engine's sender attaches it when it sends).
#include <gtest/gtest.h>

#include "core/outbox.hpp"

namespace reclaim {
namespace {

TEST(MailDocument, TheAcknowledgementDecisionAndReturnCarryTheirDocuments) {
  EXPECT_EQ(mail_document("case.acknowledged"), DocumentType::complaint_receipt);
  EXPECT_EQ(mail_document("case.decided"), DocumentType::decision_letter);
  EXPECT_EQ(mail_document("case.return_authorized"), DocumentType::return_slip);
  for (const char *other : {"case.info_requested", "case.message", "case.resolved",
                            "withdrawal.acknowledged", "staff.case_opened", ""}) {
    EXPECT_FALSE(mail_document(other)) << other;
  }
}

}  // namespace
}  // namespace reclaim
