// SIM7000 transfers (PROTOCOL.md section 3, seed 5.1-5.7): the data channels of GET and LIST
// ("+X: 1,1" data ready, AT+X=2,<n> reads, "+X: 1,0" done) and PUT in chunks up to the
// announced maximum. Random access restarts GET at an offset (FTPREST) rather than loading the
// file into module RAM with FTPEXTGET: see begin_download.
#include <algorithm>

#include "core/at/at_error.hpp"
#include "core/dialect/dialect_error.hpp"
#include "core/dialect/sim7000.hpp"
#include "core/dialect/sim7000_commands.hpp"
#include "core/dialect/sim7000_errors.hpp"
#include "core/dialect/transfer_offset.hpp"
#include "core/ftp/ftp_error.hpp"
#include "core/ftp/path_rules.hpp"
#include "core/link/link_error.hpp"
#include "core/util/log.hpp"

namespace mfs::dialect {

using namespace sim7000;
using ftp::FtpOp;
using std::chrono::steady_clock;

namespace {

bool is_error_result(const std::optional<ActionResult>& last) {
  return last && last->code != result_done && last->code != result_ready;
}

// Errors after which the line or the modem state is unknown: the session recovers rather than
// the dialect sending more.
bool line_failed(const std::error_code& ec) {
  return ec == at::at_errc::timeout || ec == at::at_errc::modem_restarted ||
         ec.category() == link::link_category();
}

}  // namespace

// Starts GET or LIST and waits for its first result: data ready, already done (an empty file)
// or the error of the login or the command.
result<void> Sim7000::open_data(const std::string& command, std::string_view name, FtpOp op) {
  const auto seen = record(name).seen;
  MFS_TRY(start_action(command, name));
  MFS_TRY(first, await_new_result(name, seen, after(ftp_action_timeout)));
  if (first.code != result_done && first.code != result_ready) return ftp_failure(first.code, op);
  return success();
}

// Appends up to `max_bytes`, returning how many; 0 once the channel is done. "+X: 1,0" is the
// end (seed 5.1, 5.6: the transfer is over and the server connection closed, and a read after
// it is refused), so no read is sent once it has arrived. A read that finds nothing, or that
// `at_known_end` says would find nothing, waits for the next result line: "+X: 1,1" again (more
// data), "+X: 1,0" (done) or an error.
result<std::size_t> Sim7000::read_data(std::string_view name, FtpOp op, std::string& out,
                                       std::size_t max_bytes, bool at_known_end) {
  const auto stall_deadline = after(transfer_stall_timeout);
  while (true) {
    const ActionRecord before = record(name);
    if (is_error_result(before.last)) return ftp_failure(before.last->code, op);
    if (before.last && before.last->code == result_done) return 0;
    if (!at_known_end) {
      MFS_TRY(got, read_chunk(name, out, std::min(max_bytes, max_read_chunk)));
      if (got > 0) return got;
      if (record(name).seen != before.seen) continue;  // news arrived during the read
    }
    if (!at_known_end) {
      MFS_TRY(await_new_result(name, before.seen, stall_deadline));
      continue;
    }
    // At the listed size the end is due; a module that announces it only after an empty
    // read (or a file that grew, "+X: 1,1") gets a read after a short wait.
    auto news = await_new_result(name, before.seen, std::min(stall_deadline, after(end_grace)));
    if (!news && news.error() != at::at_errc::timeout) return news.error();
    at_known_end = false;
  }
}

// One AT+X=2,<n> ("+X: 2,<m>", m raw bytes, OK). A refusal (ERROR, or +CME ERROR where numeric
// errors are on) means no data connection to read from: not ready yet, or already closed
// because "+X: 1,0" crossed this read on the line (seed 5.6). It reads as 0; the result lines
// tell which.
result<std::size_t> Sim7000::read_chunk(std::string_view name, std::string& out,
                                        std::size_t max_bytes) {
  const std::string header = std::string(name) + ": 2,";
  at::CommandSpec read{ftp_read_timeout};
  read.binary_header = header;
  read.length_field = 1;
  read.max_block = max_bytes;
  auto block = engine_.command("AT" + std::string(name) + "=2," + std::to_string(max_bytes), read);
  if (!block) {
    if (is_refusal(block.error())) return 0;
    return block.error();
  }
  out += block.value().block;
  return block.value().block.size();
}

// AT+FTPQUIT ends the running action, which reports "+X: 1,80" (seed 5.16). An action that has
// already reported its end needs nothing; ERROR means the module had nothing running.
result<void> Sim7000::quit_action(std::string_view name) {
  const ActionRecord before = record(name);
  if (before.last && before.last->code != result_ready) return success();
  auto quit = engine_.command("AT+FTPQUIT", at::CommandSpec{ftp_accept_timeout});
  if (!quit && quit.error() == at::at_errc::error) return success();
  MFS_TRY(quit);
  MFS_TRY(await_new_result(name, before.seen, after(ftpquit_timeout)));
  return success();
}

// The parameters of a GET or ETGET of `path` from `offset`; returns where the module starts,
// which past FTPREST's range is the highest offset it takes (transfer_offset.hpp).
result<std::uint64_t> Sim7000::prepare_download(std::string_view path, std::uint64_t offset) {
  MFS_TRY(ftp::check_path(path));
  MFS_TRY(prepare_action());
  const SplitPath where = split_path(path);
  if (where.name.empty()) return std::make_error_code(std::errc::is_a_directory);
  MFS_TRY(set_path_params("+FTPGETPATH", where.dir, "+FTPGETNAME", where.name));
  const std::uint64_t start = module_offset(offset);
  MFS_TRY(engine_.command(number_param("+FTPREST", start), at::CommandSpec{local_timeout}));
  return start;
}

// GET restarts at an offset with FTPREST: one login per random access. FTPEXTGET (the whole
// file into module RAM, then AT+FTPEXTGET=3,<offset>,<len> reads) would save logins only for a
// file read out of order several times, yet it always moves the whole file over the cellular
// link first, and the module's RAM size is not announced; the host's block cache already keeps
// what was read. FTPREST is sent before every GET: the note does not say whether the module
// keeps it after a transfer, and a stale offset would silently corrupt the next read.
result<void> Sim7000::begin_download(std::string_view path, std::uint64_t offset) {
  MFS_TRY(start, prepare_download(path, offset));
  download_ = Download{.path = std::string(path), .position = start, .end = std::nullopt,
                       .finished = false, .stream = std::nullopt};
  ++counters_.downloads_started;
  auto opened = open_data("AT+FTPGET=1", "+FTPGET", FtpOp::retrieve);
  if (!opened) {
    download_.reset();
    return opened;
  }
  return skip_download_to(*this, offset);
}

result<std::size_t> Sim7000::read_download(std::string& out, std::size_t max_bytes) {
  if (!download_) return dialect_errc::no_download;
  if (download_->finished) return 0;
  if (max_bytes == 0) return std::make_error_code(std::errc::invalid_argument);
  if (download_->stream) return read_stream(out, max_bytes);
  const bool at_known_end = download_->end && download_->position >= *download_->end;
  auto got = read_data("+FTPGET", FtpOp::retrieve, out, max_bytes, at_known_end);
  if (!got) {
    download_.reset();
    return got.error();
  }
  download_->position += got.value();
  if (got.value() == 0) download_->finished = true;
  return got;
}

result<void> Sim7000::abort_download() {
  const bool active = download_active();
  if (active && download_->stream) return drain_stream();
  download_.reset();
  if (!active) return success();
  return quit_action("+FTPGET");
}

void Sim7000::expect_download_end(std::uint64_t file_size) {
  if (download_) download_->end = file_size;
}

bool Sim7000::download_active() const { return download_ && !download_->finished; }

std::uint64_t Sim7000::download_position() const { return download_ ? download_->position : 0; }

std::string_view Sim7000::download_path() const {
  return download_ ? std::string_view(download_->path) : std::string_view();
}

// LIST on GETPATH: the same data channel as GET. A channel that keeps delivering past the
// listing cap or the whole listing's deadline is a module that never ends it: quit it. The note
// gives no way to pass LIST options, so no "-a": dotfiles show only where the server lists them
// in a plain LIST (man page).
result<std::string> Sim7000::list(std::string_view dir_path) {
  if (!dir_path.empty()) {
    MFS_TRY(ftp::check_path(dir_path));
  }
  MFS_TRY(prepare_action());
  const std::string dir = as_dir(dir_path.empty() ? "/" : dir_path);
  MFS_TRY(set_param("+FTPGETPATH", string_param("+FTPGETPATH", dir)));
  MFS_TRY(open_data("AT+FTPLIST=1", "+FTPLIST", FtpOp::list));
  std::string listing;
  const auto deadline = after(ftplist_timeout);
  while (true) {
    MFS_TRY(got, read_data("+FTPLIST", FtpOp::list, listing, max_read_chunk, false));
    if (got == 0) return listing;
    const bool too_large = listing.size() > at::max_listing_bytes;
    if (too_large || steady_clock::now() >= deadline) {
      log_->warn("a listing of {} passed {}: quitting it", dir,
                 too_large ? "its size limit" : "its deadline");
      (void)quit_action("+FTPLIST");
      return too_large ? at::at_errc::reply_too_large : at::at_errc::timeout;
    }
  }
}

// PUT (seed 5.2): AT+FTPPUT=1, "+FTPPUT: 1,1,<maxlen>", then per chunk AT+FTPPUT=2,<len>, the
// prompt, the raw bytes, OK and the next "+FTPPUT: 1,1,<maxlen>"; AT+FTPPUT=2,0 ends the file
// ("+FTPPUT: 1,0"). An empty file is just the opening and the end.
result<void> Sim7000::upload(std::string_view path, UploadSource& source) {
  return put_file(path, source, 0);
}

result<void> Sim7000::put_file(std::string_view path, UploadSource& source, std::uint64_t offset) {
  upload_confirmed_ = false;
  MFS_TRY(ftp::check_path(path));
  MFS_TRY(prepare_action());
  const SplitPath where = split_path(path);
  if (where.name.empty()) return std::make_error_code(std::errc::is_a_directory);
  MFS_TRY(set_path_params("+FTPPUTPATH", where.dir, "+FTPPUTNAME", where.name));
  MFS_TRY(set_put_option(offset > 0));
  ++counters_.uploads_started;
  auto sent = put_all(source, offset);
  if (!sent && !line_failed(sent.error())) (void)quit_action("+FTPPUT");
  upload_confirmed_ = sent.has_value();
  return sent;
}

// FTPPUTOPT outlives our process (only a module restart resets it to STOR), so the first fresh
// upload after each start-up sets STOR, and every upload after a resume does. A firmware
// without FTPPUTOPT only ever stores: it still uploads, it only cannot resume.
result<void> Sim7000::set_put_option(bool append) {
  if (!append && !put_option_unknown_) return success();
  auto set = set_param("+FTPPUTOPT", string_param("+FTPPUTOPT", append ? "APPE" : "STOR"));
  const bool refused = !set && is_refusal(set.error());
  if (refused && append) return std::make_error_code(std::errc::operation_not_supported);
  if (set || refused) put_option_unknown_ = append;
  return refused ? success() : set;
}

result<void> Sim7000::put_all(UploadSource& source, std::uint64_t offset) {
  const std::uint64_t size = source.size();
  auto seen = record("+FTPPUT").seen;
  MFS_TRY(start_action("AT+FTPPUT=1", "+FTPPUT"));
  MFS_TRY(max_chunk, await_put_ready(seen));
  std::string chunk;
  while (offset < size) {
    chunk.resize(static_cast<std::size_t>(std::min<std::uint64_t>(max_chunk, size - offset)));
    MFS_TRY(got, source.read_at(offset, chunk));
    if (got == 0) return std::make_error_code(std::errc::io_error);  // the source shrank
    chunk.resize(got);
    seen = record("+FTPPUT").seen;
    MFS_TRY(put_chunk(chunk));
    MFS_TRY(next_max, await_put_ready(seen));
    max_chunk = next_max;
    offset += got;
  }
  seen = record("+FTPPUT").seen;
  MFS_TRY(engine_.command("AT+FTPPUT=2,0", at::CommandSpec{ftpput_chunk_timeout}));
  MFS_TRY(end, await_new_result("+FTPPUT", seen, after(ftp_action_timeout)));
  if (end.code != result_done) return ftp_failure(end.code, FtpOp::store);
  return success();
}

// "+FTPPUT: 1,1,<maxlen>": the module takes the next chunk, of at most maxlen bytes.
result<std::size_t> Sim7000::await_put_ready(std::uint64_t seen) {
  MFS_TRY(ready, await_new_result("+FTPPUT", seen, after(ftpput_ready_timeout)));
  if (ready.code != result_ready) {
    if (ready.code == result_done) return at::at_errc::unexpected_reply;
    return ftp_failure(ready.code, FtpOp::store);
  }
  std::size_t max_chunk = 0;
  for (char c : ready.value) {
    if (c < '0' || c > '9' || max_chunk > 1'000'000) return at::at_errc::unexpected_reply;
    max_chunk = max_chunk * 10 + static_cast<std::size_t>(c - '0');
  }
  if (max_chunk == 0) return at::at_errc::unexpected_reply;
  return max_chunk;
}

result<void> Sim7000::put_chunk(std::string_view chunk) {
  at::CommandSpec put{ftpput_chunk_timeout};
  put.prompt = "+FTPPUT: 2,";
  put.payload = chunk;
  auto accepted = engine_.command("AT+FTPPUT=2," + std::to_string(chunk.size()), put);
  if (!accepted && accepted.error() == at::at_errc::error) {
    const auto& last = record("+FTPPUT").last;
    return is_error_result(last) ? ftp_failure(last->code, FtpOp::store)
                                 : std::error_code(78, ftp_result_category());
  }
  MFS_TRY(accepted);
  return success();
}

}  // namespace mfs::dialect
