// DirStore: lexical join of virtual paths, then weakly_canonical + prefix check against the root.
#include "sim/dir_store.hpp"

#include <vector>

namespace mfs::sim {

namespace fs = std::filesystem;

DirStore::DirStore(const fs::path& root) : root_(fs::weakly_canonical(fs::absolute(root))) {}

std::string DirStore::join(std::string_view cwd, std::string_view path) {
  std::string whole = path.starts_with('/') ? std::string(path)
                                            : std::string(cwd) + "/" + std::string(path);
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= whole.size()) {
    std::size_t slash = std::min(whole.find('/', pos), whole.size());
    std::string part = whole.substr(pos, slash - pos);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    pos = slash + 1;
  }
  std::string out;
  for (const auto& part : parts) out += "/" + part;
  return out.empty() ? "/" : out;
}

std::optional<fs::path> DirStore::follow(std::string_view virt) const {
  std::error_code ec;
  fs::path local = fs::weakly_canonical(root_ / fs::path(virt).relative_path(), ec);
  if (ec || !inside(local)) return std::nullopt;
  return local;
}

std::optional<fs::path> DirStore::entry(std::string_view virt) const {
  fs::path rel = fs::path(virt).relative_path();
  if (rel.empty()) return root_;
  std::error_code ec;
  fs::path parent = fs::weakly_canonical(root_ / rel.parent_path(), ec);
  if (ec || !inside(parent)) return std::nullopt;
  return parent / rel.filename();
}

bool DirStore::inside(const fs::path& canonical) const {
  const std::string& root = root_.native();
  const std::string& p = canonical.native();
  if (root == "/") return true;
  return p == root || (p.starts_with(root) && p.size() > root.size() && p[root.size()] == '/');
}

}  // namespace mfs::sim
