// `modemftpfs status --json`: the session's status, its counters and the pending uploads as
// one JSON object (nlohmann::json), the one format the daemon sends and the client prints or
// turns into text (status_text.hpp).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/session/session.hpp"
#include "core/vfs/remote_fs.hpp"

namespace mfs::fusefs {

struct StatusInputs {
  std::string mountpoint;
  session::SessionStatus session;
  session::SessionStats stats;
  std::vector<vfs::PendingUpload> pending;
  bool uploads_paused = false;
};

nlohmann::json status_json(const StatusInputs& inputs);

// "2026-12-07T14:03:59Z"
std::string utc_time(std::chrono::system_clock::time_point t);

}  // namespace mfs::fusefs
