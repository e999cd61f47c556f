// The one place where an error from the layers below becomes an errno for the kernel
// (DESIGN.md, Errors). Every FUSE adapter returns -to_errno(error).
#pragma once

#include <system_error>

namespace mfs::fusefs {

// A positive errno for `error`. Unknown errors are logged at warn and become EIO.
int to_errno(const std::error_code& error);

}  // namespace mfs::fusefs
