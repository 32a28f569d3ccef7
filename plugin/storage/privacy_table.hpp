// The schema migration of personal data (see schema.cpp): legal holds, what was anonymised and
// when, the record of each erasure, and look-ups of a person's cases and orders by e-mail.
#pragma once

namespace soci {
class session;
}

namespace reclaim {

// The migration's number: it follows canned replies (12).
inline constexpr int kPrivacyMigration = 13;

void add_privacy_tables(soci::session &sql);

}  // namespace reclaim
