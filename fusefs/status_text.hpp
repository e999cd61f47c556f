// `modemftpfs status` for people: the status object (status_json.hpp) as aligned lines.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace mfs::fusefs {

std::string status_text(const nlohmann::json& status);

// 1536 -> "1.5 KiB"
std::string human_bytes(std::uint64_t bytes);

}  // namespace mfs::fusefs
