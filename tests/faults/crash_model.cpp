// The crash suite's judge (see crash_model.hpp).
#include "crash_model.hpp"

#include <algorithm>
#include <iterator>

namespace mfs::faults {
namespace {

std::string size_of(const Version& v) {
  if (!v) return "absent";
  return v->empty() ? "empty" : std::to_string(v->size()) + " bytes";
}

bool is_prefix(const Version& part, const Version& whole) {
  return part && whole && part->size() < whole->size() && whole->compare(0, part->size(), *part) == 0;
}

// How a wrong `found` relates to the versions it could have been: names the usual failures
// (a version never handed over, a prefix, an empty file) so a report says what went wrong.
std::string describe(const Version& found, const std::vector<Version>& allowed,
                     const std::vector<Version>& unsent, const std::vector<Version>& replaced) {
  if (std::find(replaced.begin(), replaced.end(), found) != replaced.end())
    return size_of(found) + ", an older state (a later hand-over was lost)";
  if (!found) return "absent";
  if (found->empty()) return "empty, never a version";
  const std::string what = size_of(found);
  for (const auto& v : unsent) {
    if (found == v) return what + ", a version never handed over (its writer had not closed it)";
    if (is_prefix(found, v))
      return what + ", a prefix of a " + size_of(v) + " version never handed over";
  }
  for (const auto& v : allowed) {
    if (is_prefix(found, v)) return what + ", a prefix of a " + size_of(v) + " version";
  }
  return what + ", not any version (a mixture?)";
}

}  // namespace

void VersionBook::seed(const std::string& name, Version version) {
  files_[name] = History{std::move(version), {}, {}, {}};
}

void VersionBook::writing(const std::string& name, Version version) {
  files_[name].unsent.push_back(std::move(version));
}

void VersionBook::handing_over(const std::string& name, Version version) {
  auto& history = files_[name];
  auto it = std::find(history.unsent.begin(), history.unsent.end(), version);
  if (it != history.unsent.end()) history.unsent.erase(it);
  history.pending.push_back(std::move(version));
}

void VersionBook::handed_over(const std::string& name, Version version) {
  auto& history = files_[name];
  auto it = std::find(history.pending.begin(), history.pending.end(), version);
  if (it != history.pending.end()) history.pending.erase(it);
  if (history.settled != version) history.replaced.push_back(std::move(history.settled));
  history.settled = std::move(version);
}

void VersionBook::renaming(const std::string& from, const std::string& to) {
  const Version moved = files_[from].settled;
  renames_.push_back({from, to, moved, files_[to].settled});
  handing_over(from, std::nullopt);
  handing_over(to, moved);
}

void VersionBook::renamed(const std::string& from, const std::string& to) {
  const Version moved = files_[from].settled;
  renames_.erase(std::remove_if(renames_.begin(), renames_.end(),
                                [&](const auto& r) { return r.from == from && r.to == to; }),
                 renames_.end());
  handed_over(from, std::nullopt);
  handed_over(to, moved);
}

std::vector<std::string> VersionBook::check(const e2e::fs::path& server) const {
  std::vector<std::string> out;
  for (const auto& [name, history] : files_)
    check_file(name, history, read_version(server, name), out);
  for (const auto& rename : renames_) check_rename(rename, server, out);
  const auto present = server_files(server);
  for (const auto& name : staged_names(present))
    out.push_back(name + ": a hidden staging name left on the server");
  for (const auto& name : present) {
    const bool staged = name.find(".mfs-") != std::string::npos;
    if (!staged && !files_.count(name)) out.push_back(name + ": a file no one wrote");
  }
  return out;
}

void VersionBook::check_file(const std::string& name, const History& history,
                             const Version& found, std::vector<std::string>& out) const {
  std::vector<Version> allowed = history.pending;
  allowed.push_back(history.settled);
  if (std::find(allowed.begin(), allowed.end(), found) != allowed.end()) return;
  std::string line = name + ": " + describe(found, allowed, history.unsent, history.replaced) + "; allowed: " +
                     size_of(history.settled) + " (the last state handed over)";
  for (const auto& v : history.pending) line += ", " + size_of(v) + " (in flight)";
  out.push_back(line);
}

// Each name may hold either side; together they must show the rename done or not done.
void VersionBook::check_rename(const PendingRename& rename, const e2e::fs::path& server,
                               std::vector<std::string>& out) const {
  const Version from = read_version(server, rename.from);
  const Version to = read_version(server, rename.to);
  const bool not_done = from == rename.moved && to == rename.target_before;
  const bool done = !from && to == rename.moved;
  if (not_done || done) return;
  out.push_back("rename " + rename.from + " -> " + rename.to + " half done: " + rename.from +
                " " + size_of(from) + ", " + rename.to + " " + size_of(to));
}

Version read_version(const e2e::fs::path& server, const std::string& name) {
  std::error_code ec;
  if (!e2e::fs::is_regular_file(server / name, ec)) return std::nullopt;
  return e2e::read_file(server / name);
}

std::vector<std::string> server_files(const e2e::fs::path& server) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : e2e::fs::recursive_directory_iterator(server, ec)) {
    if (!entry.is_directory()) names.push_back(entry.path().lexically_relative(server).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> staged_names(const std::vector<std::string>& files) {
  std::vector<std::string> staged;
  std::copy_if(files.begin(), files.end(), std::back_inserter(staged),
               [](const std::string& name) { return name.find(".mfs-") != std::string::npos; });
  return staged;
}

}  // namespace mfs::faults
