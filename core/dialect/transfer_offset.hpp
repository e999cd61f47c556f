// The highest offset a module takes for a transfer (L610 FTPGET/FTPRETR/FTPSTOR and the
// SIM7000's FTPREST: 0 .. 0xFFFFFFE, seed 000 1.2.15-1.2.18, PROTOCOL.md 3), and how data past
// it is reached: a download starts at the highest offset allowed and drops the bytes before
// the one asked for. Never send more: the module answers ERROR, which reads as a lost link.
#pragma once

#include <cstdint>

#include "core/dialect/dialect.hpp"

namespace mfs::dialect {

inline constexpr std::uint64_t max_transfer_offset = 0xFFFFFFE;

// Where a transfer asked to start at `offset` starts on the module.
inline std::uint64_t module_offset(std::uint64_t offset) {
  return offset < max_transfer_offset ? offset : max_transfer_offset;
}

// Reads and drops the running download's bytes up to `offset` (it began at module_offset).
// Stops early at the end of the file.
result<void> skip_download_to(Dialect& dialect, std::uint64_t offset);

}  // namespace mfs::dialect
