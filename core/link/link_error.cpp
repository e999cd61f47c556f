// The link layer's error category: what went wrong with the serial device itself.
#include "core/link/link_error.hpp"

#include <string>

namespace mfs::link {
namespace {

class LinkCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mfs.link"; }

  std::string message(int value) const override {
    switch (static_cast<link_errc>(value)) {
      case link_errc::timeout: return "serial deadline passed";
      case link_errc::device_gone: return "serial device vanished";
      case link_errc::no_such_device: return "no such device";
      case link_errc::device_busy: return "serial device is held open by another process";
      case link_errc::not_open: return "serial device is not open";
      case link_errc::io_error: return "serial I/O error";
      case link_errc::request_deadline: return "the request's deadline passed";
      case link_errc::cancelled: return "the serial link was cancelled";
    }
    return "unknown link error";
  }
};

}  // namespace

const std::error_category& link_category() noexcept {
  static const LinkCategory category;
  return category;
}

std::error_code make_error_code(link_errc e) noexcept {
  return {static_cast<int>(e), link_category()};
}

}  // namespace mfs::link
