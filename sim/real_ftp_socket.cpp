// TimedSocket: asio asynchronous operations on a private io_context, run for at most the
// deadline; an operation still pending then is cancelled (its handler runs with
// operation_aborted) and reported as timed_out.
#include "sim/real_ftp_socket.hpp"

#include <poll.h>

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>

namespace mfs::sim {

namespace asio = boost::asio;
using asio::ip::tcp;

struct TimedSocket::Impl {
  asio::io_context io;
  tcp::socket socket{io};

  // Runs the operation started by `start` (which gets the completion handler) to its end or
  // the deadline.
  template <class Start>
  std::error_code run(Start start, std::chrono::milliseconds timeout, std::size_t* transferred) {
    std::optional<std::error_code> result;
    start([&](const boost::system::error_code& ec, std::size_t n = 0) {
      result = ec;
      if (transferred) *transferred = n;
    });
    io.restart();
    io.run_for(timeout);
    if (result) return *result;
    boost::system::error_code ignored;
    socket.cancel(ignored);
    io.restart();
    io.run();
    return std::make_error_code(std::errc::timed_out);
  }
};

TimedSocket::TimedSocket() : impl_(std::make_unique<Impl>()) {}
TimedSocket::~TimedSocket() = default;

std::error_code TimedSocket::connect(const std::string& host, std::uint16_t port,
                                     std::chrono::milliseconds timeout) {
  tcp::resolver resolver(impl_->io);
  boost::system::error_code ec;
  auto endpoints = resolver.resolve(host, std::to_string(port), ec);
  if (ec) return ec;
  return impl_->run(
      [&](auto handler) {
        asio::async_connect(impl_->socket, endpoints,
                            [handler](const boost::system::error_code& e, const tcp::endpoint&) {
                              handler(e);
                            });
      },
      timeout, nullptr);
}

std::size_t TimedSocket::read_some(char* out, std::size_t n, std::chrono::milliseconds timeout,
                                   std::error_code& ec) {
  std::size_t got = 0;
  ec = impl_->run(
      [&](auto handler) { impl_->socket.async_read_some(asio::buffer(out, n), handler); },
      timeout, &got);
  return got;
}

std::error_code TimedSocket::write_all(std::string_view bytes, std::chrono::milliseconds timeout) {
  return impl_->run(
      [&](auto handler) {
        asio::async_write(impl_->socket, asio::buffer(bytes.data(), bytes.size()), handler);
      },
      timeout, nullptr);
}

bool TimedSocket::readable_now() const {
  if (!impl_->socket.is_open()) return true;
  pollfd pfd{impl_->socket.native_handle(), POLLIN, 0};
  return ::poll(&pfd, 1, 0) > 0;
}

std::string TimedSocket::remote_address() const {
  boost::system::error_code ec;
  auto endpoint = impl_->socket.remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

void TimedSocket::shutdown_send() {
  boost::system::error_code ignored;
  impl_->socket.shutdown(tcp::socket::shutdown_send, ignored);
}

void TimedSocket::close() {
  boost::system::error_code ignored;
  impl_->socket.close(ignored);
}

}  // namespace mfs::sim
