// Reads tree.tsv and LIST_*.raw fixtures byte-exactly (binary mode: names are raw UTF-8).
#include "listing_fixtures.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace mfs::ftp {

std::ostream& operator<<(std::ostream& os, const ListEntry& e) {
  static constexpr const char* types[] = {"file", "directory", "symlink"};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(e.mtime.time_since_epoch());
  return os << "{name=\"" << e.name << "\" type=" << types[static_cast<int>(e.type)]
            << " target=\"" << e.link_target << "\" size=" << e.size
            << " mtime_min=" << minutes.count() << " mode=0" << std::oct << e.mode << std::dec
            << " has_mode=" << e.has_mode << "}";
}

}  // namespace mfs::ftp

namespace mfs::ftp::test {
namespace {

std::string fixture_path(const std::string& server, const std::string& file) {
  return std::string(MFS_FIXTURES_DIR) + "/ftp-listings/" + server + "/" + file;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
    cells.push_back(line.substr(start, tab - start));
  }
  cells.push_back(line.substr(start));
  return cells;
}

EntryType type_from(const std::string& text) {
  if (text == "dir") return EntryType::directory;
  if (text == "link") return EntryType::symlink;
  if (text == "file") return EntryType::file;
  throw std::runtime_error("bad type in tree.tsv: " + text);
}

TreeRow row_from(const std::string& line) {
  const auto cells = split_tabs(line);
  if (cells.size() != 6) throw std::runtime_error("bad tree.tsv row: " + line);
  return TreeRow{cells[0], type_from(cells[1]), std::stoull(cells[2]), std::stoll(cells[3]),
                 static_cast<mode_t>(std::stoul(cells[4], nullptr, 8)), cells[5]};
}

time_point captured_from(const std::string& line) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(line.c_str(), "# captured %d-%u-%u %u:%u:%u UTC", &y, &mo, &d, &h, &mi, &s) != 6) {
    throw std::runtime_error("bad capture line: " + line);
  }
  return utc(y, mo, d, h, mi, s);
}

}  // namespace

Tree load_tree(const std::string& server) {
  std::istringstream in(read_file(fixture_path(server, "tree.tsv")));
  Tree tree;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# captured ", 0) == 0) tree.captured = captured_from(line);
    else if (!line.empty() && line[0] != '#') tree.rows.push_back(row_from(line));
  }
  return tree;
}

std::string load_raw(const std::string& server, const std::string& capture) {
  return read_file(fixture_path(server, capture + ".raw"));
}

time_point utc(int year, unsigned month, unsigned day, unsigned hour, unsigned minute,
               unsigned second) {
  namespace chr = std::chrono;
  return chr::sys_days{chr::year{year} / chr::month{month} / chr::day{day}} + chr::hours{hour} +
         chr::minutes{minute} + chr::seconds{second};
}

}  // namespace mfs::ftp::test
