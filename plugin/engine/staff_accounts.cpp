// reclaimd's staff accounts: members of staff kept with an Argon2id hash of their password, who
// sign in to the desk with it; the sessions they get are those a host's link opens.
#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "engine/password.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace {

StaffAccount existing(Tx &tx, const std::string &id) {
  auto found = tx.staff_account(id);
  if (!found) fail(Status::not_found, "no staff account '" + id + "'", "id");
  return *std::move(found);
}

}  // namespace

StaffAccountAnswer Engine::staff_account(const StaffAccountRequest &request) {
  StaffAccountAnswer answer;
  answer.op = request.op;
  answer.id = request.id;
  const UnixMs at = now();
  // Hashing takes a fraction of a second: done before the write transaction, not inside it.
  std::string hash;
  if (request.op == StaffAccountOp::add || request.op == StaffAccountOp::passwd) {
    if (auto problem = password_problem(request.password)) {
      fail(Status::invalid_argument, *problem, "password");
    }
  }
  switch (request.op) {
    case StaffAccountOp::add: {
      for (std::size_t i = 0; i < request.staff.shops.size(); ++i) {
        if (!shops_.count(request.staff.shops[i])) {
          fail(Status::invalid_argument, "no shop '" + request.staff.shops[i] + "' is configured",
               "staff.shops[" + std::to_string(i) + "]");
        }
      }
      StaffAccount account;
      account.staff = request.staff;
      account.password_hash = passwords_->hash(request.password);
      account.created_at = at;
      account.changed_at = at;
      store_->write([&](Tx &tx) { tx.put_staff_account(account); });
      answer.accounts = {account};
      log_->info("staff account {} added ({})", account.staff.id, name(account.staff.role));
      break;
    }
    case StaffAccountOp::passwd:
      hash = passwords_->hash(request.password);
      store_->write([&](Tx &tx) {
        existing(tx, request.id);
        tx.set_staff_password(request.id, hash, at);
        answer.sessions_ended = tx.delete_staff_sessions_of(request.id);
        answer.accounts = {existing(tx, request.id)};
      });
      log_->info("staff account {}: new password, {} session(s) ended", request.id,
                 answer.sessions_ended);
      break;
    case StaffAccountOp::remove:
      store_->write([&](Tx &tx) {
        existing(tx, request.id);
        tx.delete_staff_account(request.id);
        answer.sessions_ended = tx.delete_staff_sessions_of(request.id);
      });
      log_->info("staff account {} removed, {} session(s) ended", request.id,
                 answer.sessions_ended);
      break;
    case StaffAccountOp::disable:
    case StaffAccountOp::enable: {
      const bool disable = request.op == StaffAccountOp::disable;
      store_->write([&](Tx &tx) {
        existing(tx, request.id);
        tx.set_staff_disabled(request.id, disable, at);
        answer.sessions_ended = disable ? tx.delete_staff_sessions_of(request.id) : 0;
        answer.accounts = {existing(tx, request.id)};
      });
      log_->info("staff account {} {}", request.id, disable ? "disabled" : "enabled");
      break;
    }
    case StaffAccountOp::list:
      store_->read([&](Tx &tx) { answer.accounts = tx.staff_accounts(); });
      break;
  }
  for (auto &account : answer.accounts) {
    account.password_hash.clear();  // never further than here
    if (!account.locked(at)) account.locked_until = 0;
  }
  return answer;
}

bool Engine::staff_accounts_exist() {
  bool any = false;
  store_->read([&](Tx &tx) { any = tx.any_staff_account(); });
  return any;
}

StaffLogin Engine::staff_login(const std::string &login, std::string_view password,
                               const std::string &next) {
  const UnixMs at = now();
  const std::string to = is_staff_path(next) ? next : "/staff/";
  // Longer than any password can be: checked as a wrong one, at the same cost.
  const std::string_view tried = password.substr(0, kPasswordMaxBytes + 1);
  std::optional<StaffAccount> account;
  if (!login.empty() && login.size() <= 200) {
    store_->read([&](Tx &tx) { account = tx.staff_account(login); });
  }
  StaffLogin result;
  if (!account || account->disabled || account->locked(at)) {
    passwords_->verify(passwords_->dummy(), tried);
    if (account && !account->disabled) {
      result.outcome = LoginOutcome::locked;
      result.locked_until = account->locked_until;
    }
    log_->info("staff sign-in refused: {}", !account            ? "unknown login"
                                            : account->disabled ? "account disabled"
                                                                : "account locked");
    return result;
  }
  const bool right = passwords_->verify(account->password_hash, tried);
  std::optional<std::string> rehash;
  if (right && passwords_->needs_rehash(account->password_hash)) {
    rehash = passwords_->hash(tried);
  }
  store_->write([&](Tx &tx) {
    result = StaffLogin{};
    const auto current = tx.staff_account(login);
    // Changed since it was read (a new password, removed, disabled): refused like a wrong one.
    if (!current || current->disabled || current->password_hash != account->password_hash) return;
    if (current->locked(at)) {
      result.outcome = LoginOutcome::locked;  // another attempt locked it meanwhile
      result.locked_until = current->locked_until;
      return;
    }
    if (!right) {
      const int failures = current->failed_logins + 1;
      const UnixMs lock = lockout_after(failures);
      tx.set_staff_login_state(login, failures, lock > 0 ? at + lock : 0);
      if (lock > 0) {
        result.outcome = LoginOutcome::locked;
        result.locked_until = at + lock;
      }
      return;
    }
    if (rehash) {
      tx.set_staff_password(login, *rehash, at);
    } else if (current->failed_logins != 0 || current->locked_until != 0) {
      tx.set_staff_login_state(login, 0, 0);
    }
    tx.purge_staff(at);
    result.outcome = LoginOutcome::signed_in;
    result.entry = open_staff_session(tx, current->staff, to, at);
  });
  switch (result.outcome) {
    case LoginOutcome::signed_in: log_->info("staff {} signed in with a password", login); break;
    case LoginOutcome::locked:
      log_->warn("staff account {} locked after wrong passwords", login);
      break;
    case LoginOutcome::refused:
      log_->info("staff sign-in refused for {}: wrong password", login);
      break;
  }
  return result;
}

}  // namespace reclaim
