// The control client (control_client.hpp): finds the mount's socket, sends one request line,
// prints the reply.
#include "fusefs/control_client.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fusefs/control_commands.hpp"
#include "fusefs/control_path.hpp"
#include "fusefs/status_text.hpp"

namespace mfs::fusefs {
namespace {

using nlohmann::json;

int usage(const char* program) {
  std::fprintf(stderr,
               "usage: %s status [--json] MOUNTPOINT\n"
               "       %s flush|pause-uploads|resume-uploads|reconnect MOUNTPOINT\n"
               "       %s forget MOUNTPOINT [PATH]\n",
               program, program, program);
  return 2;
}

int fail(std::string_view verb, const std::string& reason) {
  std::fprintf(stderr, "modemftpfs %.*s: %s\n", static_cast<int>(verb.size()), verb.data(),
               reason.c_str());
  return 1;
}

// The reply line, or the reason there is none.
bool exchange(const std::filesystem::path& socket_path, const std::string& request,
              std::string& reply, std::string& error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    error = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  const std::string line = request + "\n";
  const bool sent = ::send(fd, line.data(), line.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(line.size());
  char buf[4096];
  ssize_t n = 0;
  while (sent && (n = ::recv(fd, buf, sizeof buf, 0)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  if (!sent || n < 0) error = std::strerror(errno);
  ::close(fd);
  return error.empty();
}

// A PATH given to forget, as the mount sees it ("/dir/file"); "" when it is not inside.
std::string path_in_mount(const std::filesystem::path& mountpoint, const std::string& given) {
  const auto full = resolve_mountpoint(given);
  const auto relative = full.lexically_relative(mountpoint);
  if (relative.empty() || *relative.begin() == "..") return {};
  return relative == "." ? "/" : "/" + relative.generic_string();
}

}  // namespace

std::optional<int> run_control_client(int argc, char* argv[]) {
  if (argc < 2) return std::nullopt;
  const std::string_view verb = argv[1];
  bool known = false;
  for (const char* v : control_verbs) known = known || verb == v;
  if (!known) return std::nullopt;
  std::vector<std::string> args(argv + 2, argv + argc);
  bool as_json = false;
  if (verb == "status" && !args.empty() && args.front() == "--json") {
    as_json = true;
    args.erase(args.begin());
  }
  const std::size_t most = verb == "forget" ? 2 : 1;
  if (args.empty() || args.size() > most) return usage(argv[0]);
  const auto mountpoint = resolve_mountpoint(args[0]);
  json request = {{"command", verb}};
  if (args.size() == 2) {
    const std::string inside = path_in_mount(mountpoint, args[1]);
    if (inside.empty()) return fail(verb, fmt::format("{} is not inside {}", args[1], mountpoint.string()));
    request["path"] = inside;
  }
  const auto dir = control_dir();
  if (!dir) return fail(verb, "XDG_RUNTIME_DIR is not set: cannot find the control socket");
  const auto socket_path = control_socket_path(*dir, mountpoint);
  std::string reply_text, error;
  if (!exchange(socket_path, request.dump(), reply_text, error))
    return fail(verb, fmt::format("no modemftpfs mount of yours at {} answers ({}: {})",
                                  mountpoint.string(), socket_path.string(), error));
  const json reply = json::parse(reply_text, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) return fail(verb, "the daemon's answer is not JSON");
  if (!reply.value("ok", false)) return fail(verb, reply.value("error", std::string("failed")));
  if (verb != "status") {
    std::printf("%s\n", reply.value("message", std::string()).c_str());
  } else if (as_json) {
    std::printf("%s\n", reply["status"].dump(2).c_str());
  } else {
    std::printf("%s", status_text(reply["status"]).c_str());
  }
  return 0;
}

}  // namespace mfs::fusefs
