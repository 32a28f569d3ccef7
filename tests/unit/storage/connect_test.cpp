// Every form of PostgreSQL connection string that libpq takes opens a store: URIs with a query,
// without one and without a path, percent-encoded parts, the postgres:// scheme, a unix socket,
// and key=value settings (quoted values, spaces around '='). Each string is made from the test
// cluster's host, port and user (tests/support/pg_cluster.sh) and names a database of its own,
// so the store really connects where the string says.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cctype>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/schema.hpp"
#include "storage/store.hpp"
#include "support/backends.hpp"

namespace reclaim {
namespace {

// What a store's connection says about itself.
struct Where {
  std::string database;
  std::string user;
  std::string schema;
  std::string application;
};

Where open_and_ask(const std::string &database) {
  StorageConfig config;
  config.database = database;
  config.pool = 2;  // every connection of the pool opens from the same string
  Store store(config);
  EXPECT_EQ(store.schema_version(), kSchemaVersion);
  Where where;
  store.read([&](Tx &tx) {
    tx.session() << "SELECT current_database(), current_user, current_schema(), "
                    "current_setting('application_name')",
        soci::into(where.database), soci::into(where.user), soci::into(where.schema),
        soci::into(where.application);
  });
  return where;
}

class PostgresqlConnect : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::postgresql_skipped()) GTEST_SKIP() << "RECLAIM_TEST_SKIP_POSTGRESQL=1";
    admin_ = test::postgresql_admin();  // "host=127.0.0.1 port=N user=reclaim dbname=postgres"
    port_ = admin_.substr(admin_.find("port=") + 5);
    port_ = port_.substr(0, port_.find(' '));
    std::ifstream dir(test::postgresql_state_dir() + "/dir");
    std::getline(dir, socket_dir_);  // the server's unix socket is in its folder
  }

  // A new, empty database; `name` may need quoting and percent-encoding.
  std::string new_database(const std::string &name) {
    const std::string full = name + "_" + test::detail::unique_suffix();
    soci::session sql(soci::postgresql, admin_);
    sql << "CREATE DATABASE \"" + full + "\"";
    return full;
  }

  std::string admin_;
  std::string port_;
  std::string socket_dir_;
  const std::string host_ = "127.0.0.1";
  const std::string user_ = "reclaim";
};

TEST_F(PostgresqlConnect, UriWithoutQuery) {
  const std::string db = new_database("plain");
  const Where where = open_and_ask("postgresql://" + user_ + "@" + host_ + ":" + port_ + "/" + db);
  EXPECT_EQ(where.database, db);
  EXPECT_EQ(where.user, user_);
  EXPECT_EQ(where.schema, "public");
}

TEST_F(PostgresqlConnect, UriWithQuery) {
  const std::string db = new_database("query");
  {
    soci::session sql(soci::postgresql, admin_ + " dbname=" + db);  // the later dbname wins
    sql << "CREATE SCHEMA shop";
  }
  const Where where = open_and_ask("postgresql://" + user_ + "@" + host_ + ":" + port_ + "/" + db +
                                   "?options=-csearch_path%3Dshop&application_name=reclaim-uri" +
                                   "&connect_timeout=10");
  EXPECT_EQ(where.database, db);
  EXPECT_EQ(where.schema, "shop");
  EXPECT_EQ(where.application, "reclaim-uri");
}

TEST_F(PostgresqlConnect, UriWithoutPathUsesTheUsersDatabase) {
  {
    soci::session sql(soci::postgresql, admin_);
    int exists = 0;
    sql << "SELECT count(*) FROM pg_database WHERE datname = 'reclaim'", soci::into(exists);
    if (exists == 0) sql << "CREATE DATABASE reclaim";
  }
  EXPECT_EQ(open_and_ask("postgresql://" + user_ + "@" + host_ + ":" + port_).database, "reclaim");
  EXPECT_EQ(open_and_ask("postgresql://" + user_ + "@" + host_ + ":" + port_ + "/").database,
            "reclaim");
}

TEST_F(PostgresqlConnect, PostgresScheme) {
  const std::string db = new_database("scheme");
  EXPECT_EQ(open_and_ask("postgres://" + user_ + "@" + host_ + ":" + port_ + "/" + db).database,
            db);
}

TEST_F(PostgresqlConnect, PercentEncodedParts) {
  const std::string db = new_database("zwroty i reklamacje ż");  // a space, a non-ASCII letter
  std::string encoded;
  for (unsigned char c : db) {
    static const char *hex = "0123456789ABCDEF";
    if (std::isalnum(c) || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  // The user "reclaim" spelled with an encoded letter, the database with encoded bytes.
  const Where where = open_and_ask("postgresql://%72eclaim@" + host_ + ":" + port_ + "/" + encoded +
                                   "?application_name=zwroty%20i%20reklamacje");
  EXPECT_EQ(where.database, db);
  EXPECT_EQ(where.user, user_);
  EXPECT_EQ(where.application, "zwroty i reklamacje");
}

TEST_F(PostgresqlConnect, UnixSocketAsEncodedHostAndAsQuery) {
  ASSERT_FALSE(socket_dir_.empty());
  const std::string db = new_database("socket");
  std::string host;
  for (char c : socket_dir_) host += c == '/' ? std::string("%2F") : std::string(1, c);
  EXPECT_EQ(open_and_ask("postgresql://" + user_ + "@" + host + ":" + port_ + "/" + db).database,
            db);
  EXPECT_EQ(open_and_ask("postgresql:///" + db + "?host=" + socket_dir_ + "&port=" + port_ +
                         "&user=" + user_)
                .database,
            db);
}

TEST_F(PostgresqlConnect, KeyValueSettings) {
  const std::string db = new_database("settings");
  const Where where = open_and_ask("host=" + host_ + " port=" + port_ + " user=" + user_ +
                                   " dbname=" + db + " application_name=reclaim-kv");
  EXPECT_EQ(where.database, db);
  EXPECT_EQ(where.application, "reclaim-kv");
}

TEST_F(PostgresqlConnect, KeyValueSettingsQuotedAndSpaced) {
  const std::string db = new_database("quoted");
  {
    soci::session sql(soci::postgresql, admin_ + " dbname=" + db);
    sql << "CREATE SCHEMA shop";
  }
  // Quoted values with spaces, an escaped quote, spaces around '=', a tab, and a password (the
  // test cluster trusts every local connection: it is sent, not checked, but it must parse).
  const Where where = open_and_ask("host = " + host_ + "  port=" + port_ + "\tuser='" + user_ +
                                   "' dbname='" + db + "' options='-c search_path=shop'" +
                                   " application_name='Reclaim\\'s store' password='se cret'");
  EXPECT_EQ(where.database, db);
  EXPECT_EQ(where.schema, "shop");
  EXPECT_EQ(where.application, "Reclaim's store");
  // Double quotes and backslashes in values without spaces, quoted and not.
  EXPECT_EQ(open_and_ask("host=" + host_ + " port=" + port_ + " user=" + user_ + " dbname='" + db +
                         "' application_name=\"a\\\\b\" password='\"x\"'")
                .application,
            "\"a\\b\"");
}

TEST_F(PostgresqlConnect, WhatLibpqRejectsIsAnInvalidArgument) {
  for (const std::string &bad : std::vector<std::string>{
           "postgresql://" + user_ + "@" + host_ + ":" + port_ + "/postgres?no_such_setting=1",
           "host=" + host_ + " no_such_setting=1", "host='" + host_, "postgresql://[::1/postgres",
           // libpq takes it, but SOCI 4.0 cannot pass on a value with both a space and a '"'.
           "host=" + host_ + " application_name='say \"hi\"'"}) {
    SCOPED_TRACE(bad);
    StorageConfig config;
    config.database = bad;
    try {
      Store store(config);
      ADD_FAILURE() << "opened";
    } catch (const Error &error) {
      EXPECT_STREQ(status_name(error.status()), status_name(Status::invalid_argument))
          << error.what();
      EXPECT_EQ(error.field(), "database");
    }
  }
}

}  // namespace
}  // namespace reclaim
