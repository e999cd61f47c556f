// The upload side of the session: one try of an upload or an append, by stream or chunks
// (TransferPlan), a retry resumed at the size the server lists, and the verification that the
// server holds every byte. Modem thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/at/at_engine.hpp"
#include "core/dialect/dialect.hpp"
#include "core/session/progress_source.hpp"
#include "core/session/transfer_hooks.hpp"
#include "core/session/transfer_plan.hpp"
#include "core/util/result.hpp"

namespace mfs::session {

// What the tries of one upload (or append) request have seen so far.
struct UploadTries {
  int tries = 0;
  std::uint64_t held_most = 0;    // the most bytes the server held at a resume so far
  std::uint64_t blind_syncs = 0;  // unanswered resyncs as the last try began
};

class UploadScheduler {
 public:
  UploadScheduler(dialect::Dialect& dialect, const at::AtEngine& engine, const TransferPlan& plan,
                  TransferHooks hooks)
      : dialect_(dialect), engine_(engine), plan_(plan), hooks_(std::move(hooks)) {}

  // One try at storing all of `source` as `path`.
  result<void> upload(const std::string& path, dialect::UploadSource& source, UploadTries& tries);
  // One try at sending `source` from byte `from` on to the end of `path` (Session::append).
  result<void> append(const std::string& path, dialect::UploadSource& source, std::uint64_t from,
                      UploadTries& tries);

 private:
  ProgressSource progress(const std::string& path, dialect::UploadSource& source, bool stream);
  bool server_copy_trusted(std::uint64_t& seen) const;
  bool streams(std::uint64_t size) const;
  result<void> verify(const std::string& path, std::uint64_t expected);
  result<void> resume(const std::string& path, ProgressSource& source, std::uint64_t& held_most);
  result<void> upload_by_plan(const std::string& path, ProgressSource& source);
  std::optional<std::uint64_t> stored_size(const std::string& path);

  dialect::Dialect& dialect_;
  const at::AtEngine& engine_;
  const TransferPlan& plan_;
  TransferHooks hooks_;
};

}  // namespace mfs::session
