// SIM7000 one-result actions (seed 5.8-5.10, 5.17, 5.18): DELE, MKD/RMD, RENAME, SIZE and MDTM,
// each its own login on the parameters GETPATH/GETNAME/PUTNAME; and FTPSTATE, the module's
// local answer to "are you there?". Every path is checked before anything is sent.
#include "core/at/at_error.hpp"
#include "core/dialect/l610_parse.hpp"
#include "core/dialect/parent_listing.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/dialect/sim7000_commands.hpp"
#include "core/dialect/sim7000_errors.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/ftp/path_rules.hpp"

namespace mfs::dialect {

using namespace sim7000;
using ftp::FtpOp;

namespace {

std::error_code not_supported() { return std::make_error_code(std::errc::operation_not_supported); }

// A path naming a file (not "/" itself), split for GETPATH and GETNAME.
result<SplitPath> file_path(std::string_view path) {
  MFS_TRY(ftp::check_path(path));
  SplitPath where = split_path(path);
  if (where.name.empty()) return ftp::ftp_errc::name_empty;
  return where;
}

}  // namespace

// Prepares an action on one file: checks the path, then sets GETPATH and GETNAME.
result<void> Sim7000::prepare_file_action(std::string_view path) {
  MFS_TRY(where, file_path(path));
  MFS_TRY(prepare_action());
  return set_path_params("+FTPGETPATH", where.dir, "+FTPGETNAME", where.name);
}

// MKD and RMD act on GETPATH itself (PROTOCOL.md section 3).
result<void> Sim7000::directory_action(std::string_view path, std::string_view action,
                                       ftp::FtpOp op) {
  MFS_TRY(file_path(path));
  MFS_TRY(prepare_action());
  MFS_TRY(set_param("+FTPGETPATH", string_param("+FTPGETPATH", as_dir(path))));
  MFS_TRY(run_action("AT" + std::string(action), action, op));
  return success();
}

result<void> Sim7000::remove_file(std::string_view path) {
  MFS_TRY(prepare_file_action(path));
  MFS_TRY(run_action("AT+FTPDELE", "+FTPDELE", FtpOp::remove));
  return success();
}

result<void> Sim7000::make_directory(std::string_view path) {
  return directory_action(path, "+FTPMKD", FtpOp::mkdir);
}

result<void> Sim7000::remove_directory(std::string_view path) {
  return directory_action(path, "+FTPRMD", FtpOp::rmdir);
}

// RNFR GETNAME in GETPATH, RNTO PUTNAME (seed 5.17). The note's only transcript renames in "/"
// with a bare PUTNAME and sets no PUTPATH, so where a bare name lands is not said. Our reading:
// the module takes PUTNAME in GETPATH's directory (it enters GETPATH, or joins the two), and
// passes an absolute PUTNAME to RNTO unchanged. A rename within one directory (every publishing
// rename: the hidden name sits next to its target) uses the transcript's form, a bare name,
// which holds under either way of resolving it; only a target in another directory is given as
// its whole path, which relies on the second half of that reading.
result<void> Sim7000::rename(std::string_view from, std::string_view to) {
  MFS_TRY(source, file_path(from));
  MFS_TRY(target, file_path(to));
  MFS_TRY(prepare_action());
  MFS_TRY(set_path_params("+FTPGETPATH", source.dir, "+FTPGETNAME", source.name));
  const std::string new_name = target.dir == source.dir ? target.name : target.dir + target.name;
  MFS_TRY(set_param("+FTPPUTNAME", string_param("+FTPPUTNAME", new_name)));
  MFS_TRY(run_action("AT+FTPRENAME", "+FTPRENAME", FtpOp::rename));
  return success();
}

result<std::uint64_t> Sim7000::file_size(std::string_view path) {
  MFS_TRY(prepare_file_action(path));
  MFS_TRY(outcome, run_action("AT+FTPSIZE", "+FTPSIZE", FtpOp::other));
  std::uint64_t size = 0;
  if (outcome.value.empty() || outcome.value.size() > 19) return at::at_errc::unexpected_reply;
  for (char c : outcome.value) {
    if (c < '0' || c > '9') return at::at_errc::unexpected_reply;
    size = size * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return size;
}

// SIZE (one login, no data connection). A server without SIZE answers like a missing file
// (77), a firmware without FTPSIZE refuses it: the parent directory's listing then decides.
// Never a LIST on the file's own path: GETPATH names directories (seed 5.11), and a module
// may refuse a file there.
result<std::uint64_t> Sim7000::stored_size(std::string_view path) {
  auto size = file_size(path);
  if (size || (size.error() != ftp::ftp_errc::not_found && !is_refusal(size.error()))) return size;
  MFS_TRY(entry, entry_in_parent(*this, path));
  if (!entry || entry->type != ftp::EntryType::file) return ftp::ftp_errc::not_found;
  return entry->size;
}

result<std::chrono::system_clock::time_point> Sim7000::modification_time(std::string_view path) {
  MFS_TRY(prepare_file_action(path));
  MFS_TRY(outcome, run_action("AT+FTPMDTM", "+FTPMDTM", FtpOp::other));
  auto stamp = parse_mdtm(outcome.value);
  if (!stamp) return at::at_errc::unexpected_reply;
  return *stamp;
}

result<bool> Sim7000::ftp_busy() {
  MFS_TRY(state, engine_.command("AT+FTPSTATE", at::CommandSpec{local_timeout}));
  for (const auto& line : state.lines) {
    if (auto busy = l610::parse_status(line, "+FTPSTATE")) return *busy != 0;
  }
  return at::at_errc::unexpected_reply;
}

result<void> Sim7000::noop() {
  MFS_TRY(ftp_busy());
  return success();
}

result<std::string> Sim7000::working_directory() { return not_supported(); }
result<void> Sim7000::change_directory(std::string_view) { return not_supported(); }
result<std::string> Sim7000::system_type() { return not_supported(); }
result<std::vector<std::string>> Sim7000::status(std::string_view) { return not_supported(); }

}  // namespace mfs::dialect
