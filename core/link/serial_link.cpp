// SerialLink: Boost.Asio serial_port driven synchronously with deadlines (run_one_until), so
// the modem thread never blocks without a bound. boost::system errors become link_errc here.
#include "core/link/serial_link.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/write.hpp>

#include "core/link/device_holders.hpp"
#include "core/link/link_error.hpp"
#include "core/util/log.hpp"

namespace mfs::link {
namespace asio = boost::asio;

namespace {

// Errors that mean the device itself is gone (USB unplugged, pty master closed): the
// session reopens later rather than retrying on this descriptor.
std::error_code convert(const boost::system::error_code& ec) {
  if (ec == asio::error::eof) return link_errc::device_gone;
  if (ec.category() == boost::system::system_category()) {
    switch (ec.value()) {
      case EIO: case ENXIO: case ENODEV: case EBADF: return link_errc::device_gone;
      default: return {ec.value(), std::system_category()};
    }
  }
  return link_errc::io_error;
}

std::error_code open_errno_to_code(int err) {
  switch (err) {
    case EBUSY: return link_errc::device_busy;
    case ENOENT: case ENXIO: case ENODEV: return link_errc::device_gone;
    default: return {err, std::system_category()};
  }
}

// Raw mode (no echo, no CR/LF translation, no signals) before Asio sets speed and framing.
bool make_raw(int fd) {
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) return false;
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  return ::tcsetattr(fd, TCSANOW, &tio) == 0;
}

// Speed and 8N1 framing through Asio's portable options.
boost::system::error_code configure(asio::serial_port& port, const SerialConfig& config) {
  boost::system::error_code ec;
  // A pty accepts any speed or none at all, and a real port that refuses one keeps working at
  // its current speed: worth a note in the log, not a failed open.
  port.set_option(asio::serial_port::baud_rate(config.baud), ec);
  if (ec) log::get("link")->debug("baud {} not set on {}: {}", config.baud, config.device, ec.message());
  ec.clear();
  port.set_option(asio::serial_port::character_size(8), ec);
  if (!ec) port.set_option(asio::serial_port::parity(asio::serial_port::parity::none), ec);
  if (!ec) port.set_option(asio::serial_port::stop_bits(asio::serial_port::stop_bits::one), ec);
  if (!ec) {
    using Flow = asio::serial_port::flow_control;
    port.set_option(Flow(config.rtscts ? Flow::hardware : Flow::none), ec);
  }
  return ec;
}

}  // namespace

struct SerialLink::Impl {
  asio::io_context ioc;
  asio::serial_port port{ioc};
  bool ever_opened = false;
  std::atomic<bool> cancelled{false};

  // Runs the io_context until `done`, cancelling the pending operation at the deadline.
  // A handler that completed just before the cancel keeps its real result.
  void run_until(const bool& done, Deadline deadline) {
    ioc.restart();
    while (!done) {
      if (ioc.run_one_until(deadline) == 0 && !done) {
        boost::system::error_code ignored;
        port.cancel(ignored);
        ioc.restart();
        while (!done) ioc.run_one();
      }
    }
  }
};

SerialLink::SerialLink(SerialConfig config)
    : impl_(std::make_unique<Impl>()), config_(std::move(config)) {}

SerialLink::~SerialLink() { close(); }

result<void> SerialLink::open() {
  close();
  if (cancelled()) return link_errc::cancelled;
  const std::string path = resolve_device_path(config_.device);
  const auto holders = other_holders(path);
  if (const auto blocking = blocking_holder(holders)) {
    log::get("link")->warn("{} is in use by {}", path, describe(*blocking));
    return link_errc::device_busy;
  }
  // A pty bridged by socat (or any serial-over-IP set-up) is held by its bridge: no prober, so
  // go on; the exclusive open keeps everyone who comes later out.
  for (const auto& holder : holders)
    log::get("link")->warn("{} is also held open by {}; going on", path, describe(holder));
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    // Before the first open nothing vanished: the path names no device (a typo, a modem
    // not plugged in).
    if (!impl_->ever_opened && (err == ENOENT || err == ENODEV || err == ENXIO))
      return link_errc::no_such_device;
    return open_errno_to_code(err);
  }
  if (::ioctl(fd, TIOCEXCL) != 0 || !make_raw(fd)) {
    const int err = errno;
    ::close(fd);
    return std::error_code(err, std::system_category());
  }
  boost::system::error_code ec;
  impl_->port.assign(fd, ec);
  if (ec) {
    ::close(fd);
    return convert(ec);
  }
  if (const auto set_ec = configure(impl_->port, config_)) {
    close();
    return convert(set_ec);
  }
  if (impl_->ever_opened) ++counters_.reopens;
  impl_->ever_opened = true;
  return success();
}

void SerialLink::close() {
  auto& port = impl_->port;
  if (!port.is_open()) return;
  ::ioctl(port.native_handle(), TIOCNXCL);  // exclusivity would outlive us on a shared tty
  boost::system::error_code ignored;
  port.close(ignored);
}

bool SerialLink::is_open() const { return impl_->port.is_open(); }

result<std::size_t> SerialLink::read_some(std::span<char> buf, Deadline deadline) {
  if (const auto refused = refusal()) return refused;
  const Deadline until = bounded(deadline);
  boost::system::error_code ec;
  std::size_t got = 0;
  bool done = false;
  impl_->port.async_read_some(asio::buffer(buf.data(), buf.size()),
                              [&](const boost::system::error_code& e, std::size_t n) {
                                ec = e;
                                got = n;
                                done = true;
                              });
  impl_->run_until(done, until);
  counters_.bytes_read += got;
  if (ec == asio::error::operation_aborted) return aborted(until, deadline);
  if (ec) return failed(convert(ec));
  ++counters_.reads;
  return got;
}

result<void> SerialLink::write_all(std::string_view bytes, Deadline deadline) {
  if (const auto refused = refusal()) return refused;
  const Deadline until = bounded(deadline);
  boost::system::error_code ec;
  std::size_t sent = 0;
  bool done = false;
  asio::async_write(impl_->port, asio::buffer(bytes.data(), bytes.size()),
                    [&](const boost::system::error_code& e, std::size_t n) {
                      ec = e;
                      sent = n;
                      done = true;
                    });
  impl_->run_until(done, until);
  counters_.bytes_written += sent;
  if (ec == asio::error::operation_aborted) return aborted(until, deadline);
  if (ec) return failed(convert(ec));
  return success();
}

// The cancel runs on the modem thread, inside the wait it ends (Asio's io_context takes posts
// from any thread); a wait that has not begun yet sees the flag instead.
void SerialLink::cancel() {
  impl_->cancelled = true;
  asio::post(impl_->ioc, [impl = impl_.get()] {
    boost::system::error_code ignored;
    impl->port.cancel(ignored);
  });
}

bool SerialLink::cancelled() const { return impl_->cancelled; }

std::error_code SerialLink::refusal() const {
  if (cancelled()) return link_errc::cancelled;
  if (!is_open()) return link_errc::not_open;
  if (ceiling_ && std::chrono::steady_clock::now() >= *ceiling_) return link_errc::request_deadline;
  return {};
}

Deadline SerialLink::bounded(Deadline deadline) const {
  return ceiling_ ? std::min(deadline, *ceiling_) : deadline;
}

std::error_code SerialLink::aborted(Deadline until, Deadline own) const {
  if (cancelled()) return link_errc::cancelled;
  return until < own ? link_errc::request_deadline : link_errc::timeout;
}

// A vanished device is closed at once so is_open() tells the session to reopen it.
std::error_code SerialLink::failed(const std::error_code& ec) {
  if (ec == link_errc::device_gone) {
    log::get("link")->warn("{} vanished: {}", config_.device, ec.message());
    close();
  }
  return ec;
}

void SerialLink::discard_pending() {
  if (is_open()) ::tcflush(impl_->port.native_handle(), TCIOFLUSH);
}

}  // namespace mfs::link
