// Small pieces shared by the two halves of AtEngine (at_engine.cpp: commands and result
// lines; at_engine_stream.cpp: captures, raw streams, resync). Internal to core/at.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace mfs::at::detail {

std::shared_ptr<spdlog::logger> at_logger();

// Removes and returns the first entry starting with `prefix`.
std::optional<std::string> take_first(std::deque<std::string>& lines, std::string_view prefix);

}  // namespace mfs::at::detail
