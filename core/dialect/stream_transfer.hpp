// The escaped streams both families have (L610 FTPRETR/FTPSTOR, SIM7000 FTPETGET/FTPETPUT;
// byte coding in stream_codec.hpp), as the host reads and writes them over the AT engine: a
// download's bytes are handed over only once proven (a module that restarts inside a stream
// prints its banner where data would be), and an upload is sent escaped, chunk by chunk, with a
// look between chunks for a module that already broke it off. Modem thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/dialect/stream_codec.hpp"
#include "core/util/result.hpp"

namespace mfs::dialect {

// No byte of an download stream for this long means its data connection stalled (as FTPGET).
inline constexpr std::chrono::milliseconds stream_stall_timeout{90'000};
// A stream whose held-back tail holds a whole restart banner (stream_codec.hpp) and then
// stays silent this long was cut by a reboot: a module that restarted sends nothing more, while
// a file that merely contains "RDY" on a line of its own goes on at once. Far below the stall
// timeout, and long enough that a server pausing right after such a line is improbable (a wrong
// guess costs a reconnect and a resume from the proven offset, never data).
inline constexpr std::chrono::milliseconds stream_restart_quiet{2'000};
// One chunk of an upload stream to the module: stream_write_chunk escaped bytes, 17 s at
// 9600 baud; the module takes them as fast as its data connection drains.
inline constexpr std::chrono::milliseconds stream_write_timeout{60'000};
// A few raw bytes to the module (the end byte of an upload stream).
inline constexpr std::chrono::milliseconds raw_write_timeout{5'000};
// Between two chunks of an upload stream, how long to look for what the module said (it
// answers nothing while the upload goes well): a poll, not a wait.
inline constexpr std::chrono::milliseconds upload_peek{1};
// Source bytes escaped and written per upload stream chunk (each write gets stream_write_timeout).
inline constexpr std::size_t stream_write_chunk = 16384;
// Wire bytes taken per read of an download stream.
inline constexpr std::size_t stream_read_chunk = 65536;
// A slow line hands over a few bytes per wakeup (~80 at 921600 baud), and each wakeup costs
// ~80 us of CPU. After a read shorter than stream_gather_below the stream pauses, for as long as
// ~4 KiB take at the stream's own rate (at most stream_gather_pause), so the next read finds
// them: the bytes keep arriving, so the stream loses no time, and the wakeups per MiB drop from
// ~13000 to ~250 (0.02 s CPU per MiB). A fast port (USB, a pty) pauses a few ms at most.
inline constexpr std::size_t stream_gather_below = 4096;
inline constexpr std::chrono::milliseconds stream_gather_pause{40};

// Reads one download stream off the engine.
class StreamReader {
 public:
  explicit StreamReader(at::AtEngine& engine)
      : engine_(&engine), since_(std::chrono::steady_clock::now()) {}

  // Hands over up to `max_bytes` proven bytes, reading the line until some are proven or the
  // stream ends (then 0). `left_in_file`: what the file holds past the bytes handed over so
  // far, when known (a short read then waits for no more than that). Bytes after the end byte
  // are the module's lines again: they go back to the engine. A stream that breaks off loses
  // only its unproven tail; at_errc::modem_restarted when the line went quiet on a banner.
  result<std::size_t> read(std::string& out, std::size_t max_bytes,
                           std::optional<std::uint64_t> left_in_file);
  // The end byte came and every byte before it was handed over.
  bool ended() const { return decoder_.ended() && proven_.empty(); }

 private:
  std::size_t still_to_come(std::size_t got, std::optional<std::uint64_t> left_in_file) const;
  void pause_to_gather(std::size_t wanted) const;

  at::AtEngine* engine_;
  StreamDecoder decoder_;
  std::string proven_;  // decoded, proven bytes not yet handed over
  std::string wire_;    // one read's raw bytes (kept: no refill per read)
  std::chrono::steady_clock::time_point since_;  // when the stream began to flow
  std::uint64_t wire_bytes_ = 0;                  // raw bytes read since then
};

// Reads the download stream in progress to its end and drops the bytes: a stream cannot be
// left early, the module takes no command until it ended.
result<void> drain_download(Dialect& dialect);

// Writes source bytes [offset, size) escaped, stream_write_chunk at a time. Before each chunk
// `broken` says whether the module already ended the upload: the rest would only go into a
// stream it discards, so sending stops there (successfully: the module's result line says how
// the upload ended). The end byte is the caller's to send.
result<void> send_escaped(at::AtEngine& engine, UploadSource& source, std::uint64_t offset,
                          const std::function<result<bool>()>& broken);

}  // namespace mfs::dialect
