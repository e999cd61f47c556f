// Errors of the serial transport. boost::system errors are converted to std::error_code here, once.
#pragma once

#include <system_error>

namespace mfs::link {

enum class link_errc {
  timeout = 1,    // the deadline passed before the read or write finished
  device_gone,    // the device vanished (USB unplugged, modem reset): reopen later
  no_such_device,  // the first open found no such device: nothing ever was there
  device_busy,    // another process holds the device open (e.g. ModemManager)
  not_open,
  io_error,
  request_deadline,  // the deadline of the request the wait serves passed (SerialLink::set_ceiling)
  cancelled,         // the link was cancelled (the daemon is stopping): every wait fails at once
};

const std::error_category& link_category() noexcept;
std::error_code make_error_code(link_errc e) noexcept;

}  // namespace mfs::link

template <>
struct std::is_error_code_enum<mfs::link::link_errc> : std::true_type {};
