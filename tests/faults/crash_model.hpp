// The crash suite's judge (issue 12): for every name the workload touches, the version the
// server must hold (the last one handed over: close(), fsync(), rename() or truncate()
// returned 0) and the versions it may hold instead (their hand-over had begun when the
// daemon was killed). Anything else on the server (a prefix, a mixture, an empty file that
// was never a version, a lost rename, a stray or hidden name) is a violation.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mount_fixture.hpp"

namespace mfs::faults {

// A file's bytes, or nullopt when the name is absent.
using Version = std::optional<std::string>;

class VersionBook {
 public:
  // `name` (a path relative to the server's root) holds `version` before the workload.
  void seed(const std::string& name, Version version);
  // A writer starts writing `version` to `name`: not a version the server may hold until
  // its hand-over begins; named in reports when a prefix of it shows up.
  void writing(const std::string& name, Version version);
  // A hand-over of `version` to `name` begins (close, fsync, truncate called) / returned 0.
  void handing_over(const std::string& name, Version version);
  void handed_over(const std::string& name, Version version);
  // rename(from, to) begins / returned 0: its bytes end up at exactly one of the two names.
  void renaming(const std::string& from, const std::string& to);
  void renamed(const std::string& from, const std::string& to);

  // One line per violation found in the server's tree `server`; empty when it is consistent.
  std::vector<std::string> check(const e2e::fs::path& server) const;
  std::size_t files() const { return files_.size(); }
  const Version& settled(const std::string& name) const { return files_.at(name).settled; }

 private:
  struct History {
    Version settled;               // the last version handed over
    std::vector<Version> pending;  // hand-overs begun and not returned
    std::vector<Version> unsent;   // written (or being written), never handed over
    std::vector<Version> replaced; // handed over once, replaced by a later hand-over since
  };
  struct PendingRename {
    std::string from, to;
    Version moved, target_before;
  };

  void check_file(const std::string& name, const History& history, const Version& found,
                  std::vector<std::string>& out) const;
  void check_rename(const PendingRename& rename, const e2e::fs::path& server,
                    std::vector<std::string>& out) const;

  std::map<std::string, History> files_;
  std::vector<PendingRename> renames_;
};

// What the server holds under `name` (nullopt when absent).
Version read_version(const e2e::fs::path& server, const std::string& name);

// Every file under `server`, as paths relative to it, sorted.
std::vector<std::string> server_files(const e2e::fs::path& server);

// Names of the upload's hidden staging files (".name.mfs-XXXXXX") among `files`.
std::vector<std::string> staged_names(const std::vector<std::string>& files);

}  // namespace mfs::faults
