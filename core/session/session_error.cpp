// The session layer's error category: names for session_errc.
#include "core/session/session_error.hpp"

#include <string>

namespace mfs::session {
namespace {

class SessionCategory : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.session"; }
  std::string message(int value) const override {
    switch (static_cast<session_errc>(value)) {
      case session_errc::upload_incomplete:
        return "the server holds another size than was uploaded";
      case session_errc::short_download: return "the download ended before the end of the file";
      case session_errc::not_registered:
        return "the modem is not registered on a mobile network";
      case session_errc::preempted: return "paused for an interactive request";
    }
    return "unknown session error";
  }
};

}  // namespace

const std::error_category& session_category() noexcept {
  static const SessionCategory category;
  return category;
}

std::error_code make_error_code(session_errc e) noexcept {
  return {static_cast<int>(e), session_category()};
}

}  // namespace mfs::session
