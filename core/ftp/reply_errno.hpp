// Turns "operation X failed, last server reply code N" into a semantic ftp_errc.
// The context matters: 550 on RMD means "not empty" far more often than "missing".
#pragma once

#include <optional>
#include <string_view>
#include <system_error>

namespace mfs::ftp {

enum class FtpOp { list, retrieve, store, remove, mkdir, rmdir, rename, cwd, other };

// reply_code: the last server reply seen (+FTPINFO on L610), if any. reply_text: that reply's
// line, when known: a 550 that says why ("Permission denied", "No such file or directory")
// is taken at its word before the operation's usual meaning of 550.
std::error_code classify_failure(FtpOp op, std::optional<int> reply_code,
                                 std::string_view reply_text = {});

}  // namespace mfs::ftp
