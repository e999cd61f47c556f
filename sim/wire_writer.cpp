// WireWriter: line endings, "+X:1" spacing, empty lines and seeded noise URCs.
#include "sim/wire_writer.hpp"

#include <algorithm>
#include <array>

namespace mfs::sim {
namespace {

// URCs a real module may interleave at any line boundary (PROTOCOL.md section 1).
constexpr std::array<std::string_view, 4> noise_urcs = {"+CSQ: 20,99", "+CREG: 1", "+CEREG: 1",
                                                        "RING"};
// One line in this many gets a noise URC before it when noise_urcs is on.
constexpr unsigned noise_one_in = 4;

}  // namespace

WireWriter::WireWriter(const std::set<Quirk>& quirks, unsigned seed, SimStats& stats)
    : quirks_(quirks), rng_(seed), stats_(stats) {}

void WireWriter::line(std::string_view text) {
  extras();
  bare_line(text);
}

void WireWriter::bare_line(std::string_view text) {
  raw(styled(text));
  raw(eol());
}

void WireWriter::raw(std::string_view bytes) {
  out_.append(bytes);
  stats_.serial_bytes_to_host += bytes.size();
}

void WireWriter::hold_for(std::chrono::nanoseconds delay) {
  if (delay <= std::chrono::nanoseconds::zero()) return;
  auto from = std::max(OutputQueue::clock::now(), out_.last_release());
  out_.hold_until(from + std::chrono::duration_cast<OutputQueue::clock::duration>(delay));
}

void WireWriter::relay(std::string_view bytes, const LinkParams& link) {
  constexpr std::size_t segment = 1460;
  const auto start = std::max(OutputQueue::clock::now(), out_.last_release());
  for (std::size_t sent = 0; sent < bytes.size(); sent += segment) {
    const auto piece = bytes.substr(sent, segment);
    out_.hold_until(start + std::chrono::duration_cast<OutputQueue::clock::duration>(
                                link.transfer_time(sent + piece.size())));
    raw(piece);
  }
}

std::string_view WireWriter::eol() const { return has(Quirk::lf_only) ? "\n" : "\r\n"; }

void WireWriter::extras() {
  if (has(Quirk::empty_lines)) raw(eol());
  if (has(Quirk::noise_urcs) && rng_() % noise_one_in == 0) {
    raw(styled(noise_urcs[rng_() % noise_urcs.size()]));
    raw(eol());
  }
}

// "+X: 1" becomes "+X:1" under no_space; other lines stay as they are.
std::string WireWriter::styled(std::string_view text) const {
  std::string s(text);
  if (has(Quirk::no_space) && !s.empty() && s[0] == '+') {
    std::size_t colon = s.find(": ");
    if (colon != std::string::npos) s.erase(colon + 1, 1);
  }
  return s;
}

}  // namespace mfs::sim
