// What the daemon does for each control request (`modemftpfs status|flush|pause-uploads|
// resume-uploads|forget|reconnect`): one JSON request line in, one JSON reply line out,
// {"ok": true, "message": "..."} (plus "status" for status) or {"ok": false, "error": "..."}.
#pragma once

#include <string>

#include "core/session/session.hpp"
#include "core/vfs/remote_fs.hpp"

namespace mfs::fusefs {

struct ControlTargets {
  std::string mountpoint;
  vfs::RemoteFs& fs;
  session::Session& session;
};

// The verbs the client accepts, in --help order.
inline constexpr const char* control_verbs[] = {"status",         "flush",  "pause-uploads",
                                                "resume-uploads", "forget", "reconnect"};

std::string answer_control(const std::string& request, ControlTargets& targets);

}  // namespace mfs::fusefs
