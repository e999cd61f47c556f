// The control verbs (control_commands.hpp), each a call into RemoteFs or the Session and a
// sentence saying what it did.
#include "fusefs/control_commands.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/util/log.hpp"
#include "fusefs/status_json.hpp"

namespace mfs::fusefs {
namespace {

using nlohmann::json;

json ok(const std::string& message) { return {{"ok", true}, {"message", message}}; }
json failed(const std::string& error) { return {{"ok", false}, {"error", error}}; }

json flush(ControlTargets& t) {
  const auto report = t.fs.flush_all();
  std::string message = fmt::format("{} file{} uploaded", report.uploaded,
                                    report.uploaded == 1 ? "" : "s");
  if (report.failed.empty()) return ok(message);
  std::string error = message + fmt::format(", {} failed:", report.failed.size());
  for (const auto& line : report.failed) error += "\n  " + line;
  return failed(error);
}

json forget(ControlTargets& t, const json& request) {
  const std::string path = request.value("path", std::string("/"));
  if (path.empty() || path.front() != '/') return failed("forget: PATH must be inside the mount");
  t.fs.forget(path);
  return ok(path == "/" ? "dropped every cached listing and block"
                        : fmt::format("dropped the cached listings and blocks of {}", path));
}

json status(ControlTargets& t) {
  StatusInputs inputs{t.mountpoint, t.session.status(), t.session.stats(), t.fs.pending_uploads(),
                      t.fs.uploads_paused()};
  json reply = ok("status");
  reply["status"] = status_json(inputs);
  return reply;
}

json dispatch(ControlTargets& t, const json& request) {
  const std::string verb = request.value("command", std::string());
  log::get("fusefs")->info("control: {}", verb);
  if (verb == "status") return status(t);
  if (verb == "flush") return flush(t);
  if (verb == "pause-uploads") {
    t.fs.pause_uploads(true);
    return ok("uploads paused: close() returns once a file's spool is on local disk; "
              "resume-uploads or flush sends them");
  }
  if (verb == "resume-uploads") {
    t.fs.pause_uploads(false);
    json flushed = flush(t);
    const std::string what = flushed.value("message", flushed.value("error", std::string()));
    flushed[flushed["ok"].get<bool>() ? "message" : "error"] = "uploads resumed; " + what;
    return flushed;
  }
  if (verb == "forget") return forget(t, request);
  if (verb == "reconnect") {
    if (auto done = t.session.reconnect_now(); !done)
      return failed("reconnect failed: " + done.error().message());
    return ok("reconnected: the bearer is up and the FTP server logged us in again");
  }
  return failed(fmt::format("unknown command '{}'", verb));
}

}  // namespace

std::string answer_control(const std::string& request, ControlTargets& targets) {
  const json parsed = json::parse(request, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return failed("not a JSON request").dump();
  // Remote names need not be UTF-8: such bytes are shown as U+FFFD rather than failing.
  return dispatch(targets, parsed).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace mfs::fusefs
