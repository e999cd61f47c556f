// The libfuse side of the mount: fuse_new (which validates libfuse's own options, early and
// cheaply), fuse_mount, the signal handlers, the loop, and an orderly unmount.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "fusefs/ops.hpp"
#include "fusefs/options.hpp"

struct fuse;

namespace mfs::fusefs {

class FuseMount {
 public:
  FuseMount() = default;
  FuseMount(const FuseMount&) = delete;
  FuseMount& operator=(const FuseMount&) = delete;
  ~FuseMount();

  // fuse_new with our operations; `context` must be filled in before mount(). "" or the error.
  std::string create(FuseArgs& args, FsContext& context);

  // Mounts and installs the signal handlers (SIGINT, SIGTERM, SIGHUP unmount). "" or the error.
  std::string mount(const std::filesystem::path& mountpoint);

  // Serves requests until unmounted or signalled, then unmounts. Returns the exit status.
  // `on_exit` runs as soon as the unmount or the signal comes, while the loop may still wait
  // for its workers (ExitWatch): it must make their requests end.
  int serve(const MountOptions& options, const std::function<void()>& on_exit);

 private:
  int loop(const MountOptions& options, const std::function<void()>& on_exit);
  void unmount();

  fuse* fuse_ = nullptr;
  bool mounted_ = false;
  bool handlers_ = false;
};

}  // namespace mfs::fusefs
