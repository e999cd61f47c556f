#include "core/dialect/stream_transfer.hpp"

#include <algorithm>
#include <span>
#include <thread>

#include "core/at/at_error.hpp"

namespace mfs::dialect {
namespace {

at::Deadline after(std::chrono::milliseconds timeout) {
  return std::chrono::steady_clock::now() + timeout;
}

}  // namespace

result<std::size_t> StreamReader::read(std::string& out, std::size_t max_bytes,
                                       std::optional<std::uint64_t> left_in_file) {
  wire_.resize(stream_read_chunk);
  const std::span<char> wire(wire_.data(), stream_read_chunk);
  while (proven_.empty() && !decoder_.ended()) {
    const bool restart_held = decoder_.holds_restart();
    auto got = engine_->read_raw(wire, after(restart_held ? stream_restart_quiet
                                                          : stream_stall_timeout));
    if (!got) {
      decoder_.drop_held();
      if (restart_held && got.error() == at::at_errc::timeout) return at::at_errc::modem_restarted;
      return got.error();
    }
    const std::size_t used = decoder_.decode(std::string_view(wire.data(), got.value()), proven_);
    if (used < got.value())
      engine_->unread_raw(std::string_view(wire.data() + used, got.value() - used));
    wire_bytes_ += got.value();
    if (got.value() < stream_gather_below && !decoder_.ended())
      pause_to_gather(still_to_come(got.value(), left_in_file));
  }
  const std::size_t delivered = std::min(max_bytes, proven_.size());
  out.append(proven_, 0, delivered);
  proven_.erase(0, delivered);
  return delivered;
}

// What is worth waiting for after a short read of `got` bytes: the rest of stream_gather_below,
// but no more than the file still holds past what arrived (the end byte and the result line
// follow the last data byte at once: waiting for them would only add latency to every small
// file).
std::size_t StreamReader::still_to_come(std::size_t got,
                                        std::optional<std::uint64_t> left_in_file) const {
  std::uint64_t wanted = stream_gather_below - got;
  if (left_in_file) {
    const std::uint64_t arrived = proven_.size() + decoder_.held();
    wanted = std::min(wanted, *left_in_file > arrived ? *left_in_file - arrived : 0);
  }
  return static_cast<std::size_t>(wanted);
}

// After a short read, sleeps about as long as the line needs to bring `wanted` bytes at the rate
// the stream has had so far (at most stream_gather_pause): a slow serial line then hands over a
// few KiB per wakeup, and a fast one (a USB module, a pty) is not held back.
void StreamReader::pause_to_gather(std::size_t wanted) const {
  using namespace std::chrono;
  const auto flowing = duration<double>(steady_clock::now() - since_).count();
  if (wanted == 0 || flowing <= 0 || wire_bytes_ == 0) return;
  const double bytes_per_second = static_cast<double>(wire_bytes_) / flowing;
  const auto needed = duration<double>(static_cast<double>(wanted) / bytes_per_second);
  const auto pause = std::min(duration_cast<microseconds>(needed),
                              duration_cast<microseconds>(stream_gather_pause));
  if (pause >= milliseconds(1)) std::this_thread::sleep_for(pause);
}

result<void> drain_download(Dialect& dialect) {
  std::string dropped;
  while (dialect.download_active()) {
    dropped.clear();
    MFS_TRY(dialect.read_download(dropped, stream_read_chunk));
  }
  return success();
}

result<void> send_escaped(at::AtEngine& engine, UploadSource& source, std::uint64_t offset,
                          const std::function<result<bool>()>& broken) {
  std::string chunk(stream_write_chunk, '\0');
  std::string wire;
  for (std::uint64_t pos = offset; pos < source.size();) {
    MFS_TRY(stopped, broken());
    if (stopped) return success();
    MFS_TRY(got, source.read_at(pos, chunk));
    if (got == 0) return std::make_error_code(std::errc::io_error);  // the source shrank
    wire.clear();
    escape_stream(std::string_view(chunk.data(), got), wire);
    MFS_TRY(engine.write_raw(wire, after(stream_write_timeout)));
    pos += got;
  }
  return success();
}

}  // namespace mfs::dialect
