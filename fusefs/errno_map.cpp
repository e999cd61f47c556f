// The table of DESIGN.md's error mappings: our FTP refusals and outcomes map one by one; POSIX
// errors pass through; everything from the link, the AT engine and the dialect (after the
// session's retries) is EIO, so a failing modem looks the same to every caller. A family's own
// result codes are read by their portable condition (core/dialect/modem_condition).
#include "fusefs/errno_map.hpp"

#include <cerrno>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/modem_condition.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/ftp/reply_errno.hpp"
#include "core/link/link_error.hpp"
#include "core/session/session_error.hpp"
#include "core/util/log.hpp"

namespace mfs::fusefs {
namespace {

using Category = const std::error_category& (*)() noexcept;

constexpr int any_value = -1;

struct Row {
  Category category;
  int value;  // any_value: the whole category
  int errno_value;
};

constexpr int ftp(ftp::ftp_errc e) { return static_cast<int>(e); }

// ETIMEDOUT was considered for AT and link timeouts; EIO was chosen because by the time an
// error reaches the edge the session has already retried and reconnected, and tools treat
// EIO as "the storage failed", which is what the user needs to know.
constexpr Row table[] = {
    {ftp::ftp_category, ftp(ftp::ftp_errc::name_has_quote), EINVAL},
    {ftp::ftp_category, ftp(ftp::ftp_errc::name_has_control_char), EINVAL},
    {ftp::ftp_category, ftp(ftp::ftp_errc::name_empty), EINVAL},
    {ftp::ftp_category, ftp(ftp::ftp_errc::name_too_long), ENAMETOOLONG},
    {ftp::ftp_category, ftp(ftp::ftp_errc::not_found), ENOENT},
    {ftp::ftp_category, ftp(ftp::ftp_errc::not_empty), ENOTEMPTY},
    {ftp::ftp_category, ftp(ftp::ftp_errc::already_exists), EEXIST},
    {ftp::ftp_category, ftp(ftp::ftp_errc::permission_denied), EACCES},
    {ftp::ftp_category, ftp(ftp::ftp_errc::no_space), ENOSPC},
    {ftp::ftp_category, ftp(ftp::ftp_errc::operation_failed), EIO},
    {link::link_category, any_value, EIO},
    {at::at_category, any_value, EIO},
    {at::cme_category, any_value, EIO},
    {at::cms_category, any_value, EIO},
    {dialect::dialect_category, any_value, EIO},  // SIM, bearer, no session: the modem failed
    {session::session_category, any_value, EIO},  // an upload or download cut short, after retries
};

// What a family's result codes mean, left after the session's retries: the modem failed.
struct ConditionRow {
  dialect::modem_condition condition;
  int errno_value;
};

constexpr ConditionRow condition_table[] = {
    {dialect::modem_condition::network_down, EIO},
    {dialect::modem_condition::module_busy, EIO},
    {dialect::modem_condition::transfer_broken, EIO},
    {dialect::modem_condition::protocol_failed, EIO},
};

const Row* find_row(const std::error_code& error) {
  for (const Row& row : table) {
    if (error.category() == row.category() && (row.value == any_value || row.value == error.value()))
      return &row;
  }
  return nullptr;
}

int unknown(const std::error_code& error) {
  log::get("fusefs")->warn("no errno for error {}:{} ({}), answering EIO", error.category().name(),
                           error.value(), error.message());
  return EIO;
}

}  // namespace

int to_errno(const std::error_code& error) {
  if (!error) return unknown(error);
  if (const Row* row = find_row(error)) return row->errno_value;
  for (const ConditionRow& row : condition_table)
    if (error == row.condition) return row.errno_value;
  if (error.category() == std::generic_category() || error.category() == std::system_category())
    return error.value() > 0 ? error.value() : unknown(error);
  if (error.category() == ftp::ftp_reply_category()) {
    // A raw reply code without the operation's context: classify it as the dialect would.
    const std::error_code classified = ftp::classify_failure(ftp::FtpOp::other, error.value());
    if (const Row* row = find_row(classified)) return row->errno_value;
  }
  return unknown(error);
}

}  // namespace mfs::fusefs
