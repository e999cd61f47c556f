// RealFtpClient: each backend operation as the RFC 959 commands a module sends for it. A reply
// line 421, or a control connection that is gone, ends the session (closed_by_server()).
#include "sim/real_ftp_client.hpp"

#include <charconv>
#include <cstdio>

namespace mfs::sim {
namespace {

constexpr std::chrono::milliseconds data_timeout{60'000};
// A transfer that ends: the server's last reply may follow the data's end by a while.
constexpr std::chrono::milliseconds transfer_end_timeout{60'000};

void append(FtpReply& into, const ControlReply& reply) {
  into.lines.insert(into.lines.end(), reply.lines.begin(), reply.lines.end());
}

FtpReply refused(std::string line) { return {false, {std::move(line)}}; }

// "229 Entering Extended Passive Mode (|||6446|)": the port between the delimiters.
std::optional<std::uint16_t> epsv_port(const ControlReply& reply) {
  const std::string& line = reply.lines.back();
  auto open = line.find('(');
  if (open == std::string::npos || open + 4 >= line.size()) return std::nullopt;
  char delim = line[open + 1];
  auto start = open + 4;
  auto end = line.find(delim, start);
  unsigned port = 0;
  auto [p, ec] = std::from_chars(line.data() + start, line.data() + end, port);
  if (end == std::string::npos || ec != std::errc() || p != line.data() + end || port == 0 ||
      port > 65535)
    return std::nullopt;
  return static_cast<std::uint16_t>(port);
}

// "227 Entering Passive Mode (127,0,0,1,195,80)": host and port.
std::optional<std::pair<std::string, std::uint16_t>> pasv_address(const ControlReply& reply) {
  const std::string& line = reply.lines.back();
  auto start = line.find_first_of("0123456789", 4);
  unsigned v[6];
  if (start == std::string::npos ||
      std::sscanf(line.c_str() + start, "%u,%u,%u,%u,%u,%u", &v[0], &v[1], &v[2], &v[3], &v[4],
                  &v[5]) != 6)
    return std::nullopt;
  for (unsigned x : v)
    if (x > 255) return std::nullopt;
  std::string host = std::to_string(v[0]) + "." + std::to_string(v[1]) + "." +
                     std::to_string(v[2]) + "." + std::to_string(v[3]);
  return std::make_pair(host, static_cast<std::uint16_t>(v[4] * 256 + v[5]));
}

// A data connection whose end the server answers on the control connection. One dropped
// before its end (an abandoned download) is still ended, so the next command gets its own reply.
class DataConnection {
 protected:
  DataConnection(RealFtpClient& client, std::unique_ptr<TimedSocket> data)
      : client_(client), data_(std::move(data)) {}
  ~DataConnection() {
    if (data_) end_transfer();
  }
  DataConnection(const DataConnection&) = delete;
  DataConnection& operator=(const DataConnection&) = delete;

  // Closes the connection (for STOR: the end of the file) and reads the server's verdict.
  FtpReply end_transfer() {
    data_->shutdown_send();
    data_->close();
    data_.reset();
    ControlReply end = client_.transfer_end();
    return {end.positive(), end.lines};
  }

  RealFtpClient& client_;
  std::unique_ptr<TimedSocket> data_;
};

// RETR's data connection: the file's bytes until the server closes it.
class NetReader final : public DataReader, private DataConnection {
 public:
  NetReader(RealFtpClient& client, std::unique_ptr<TimedSocket> data)
      : DataConnection(client, std::move(data)) {}

  std::size_t read(char* out, std::size_t n) override {
    std::size_t total = 0;
    while (total < n && !ended_) {
      std::error_code ec;
      std::size_t got = data_->read_some(out + total, n - total, data_timeout, ec);
      total += got;
      if (ec) ended_ = true;  // eof, or a broken connection the final reply explains
    }
    return total;
  }
  bool exhausted() const override { return ended_; }
  FtpReply finish() override { return end_transfer(); }

 private:
  bool ended_ = false;
};

// STOR's data connection: closing it ends the file, then the server says whether it kept it.
class NetWriter final : public DataWriter, private DataConnection {
 public:
  NetWriter(RealFtpClient& client, std::unique_ptr<TimedSocket> data)
      : DataConnection(client, std::move(data)) {}

  bool write(std::string_view bytes) override { return !data_->write_all(bytes, data_timeout); }
  FtpReply finish() override { return end_transfer(); }
};

// A RETR the server completed at once ("226 Nothing left to download" at REST = size, Pure-FTPd):
// no data connection, and the closing reply was already relayed with the start.
class FinishedReader final : public DataReader {
 public:
  std::size_t read(char*, std::size_t) override { return 0; }
  bool exhausted() const override { return true; }
  FtpReply finish() override { return {true, {}}; }
};

// Names reach the server as the module got them; a CR or LF would end the command early.
bool safe_argument(std::string_view text) { return text.find_first_of("\r\n") == text.npos; }

}  // namespace

std::optional<FtpUrl> parse_ftp_url(std::string_view url) {
  constexpr std::string_view scheme = "ftp://";
  if (!url.starts_with(scheme)) return std::nullopt;
  url.remove_prefix(scheme.size());
  if (url.ends_with('/')) url.remove_suffix(1);
  FtpUrl out;
  if (auto at = url.rfind('@'); at != url.npos) {
    out.user = std::string(url.substr(0, at));
    url.remove_prefix(at + 1);
  }
  std::string_view port;
  if (url.starts_with('[')) {  // [IPv6]:port
    auto close = url.find(']');
    if (close == url.npos) return std::nullopt;
    out.host = std::string(url.substr(1, close - 1));
    url.remove_prefix(close + 1);
    if (url.starts_with(':')) port = url.substr(1);
    else if (!url.empty()) return std::nullopt;
  } else {
    auto colon = url.find(':');
    out.host = std::string(url.substr(0, colon));
    if (colon != url.npos) port = url.substr(colon + 1);
  }
  if (!port.empty()) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || p != port.data() + port.size() || value == 0 || value > 65535)
      return std::nullopt;
    out.port = static_cast<std::uint16_t>(value);
  }
  if (out.host.empty() || out.user.empty() || out.host.find('/') != std::string::npos)
    return std::nullopt;
  return out;
}

FtpLogin RealFtpClient::open(const FtpUrl& url, std::string_view password) {
  auto client = std::make_unique<RealFtpClient>();
  FtpLogin login;
  if (client->control_.connect(url.host, url.port)) {
    login.reply = refused("421 Service not available (cannot connect to the server).");
    return login;
  }
  ControlReply greeting = client->control_.read_reply();
  append(login.reply, greeting);
  if (!greeting.positive()) return login;
  ControlReply user = client->exchange("USER " + url.user, login.reply);
  // An anonymous login with no password sends the customary "anonymous@" (RFC 1635).
  std::string pass = password.empty() ? "anonymous@" : std::string(password);
  if (user.intermediate()) user = client->exchange("PASS " + pass, login.reply);
  if (!user.positive()) return login;
  // TYPE I belongs to the module's own set-up; its reply is not part of the login's lines.
  FtpReply type_lines;
  if (!client->exchange("TYPE I", type_lines).positive()) {
    login.reply.lines.insert(login.reply.lines.end(), type_lines.lines.begin(),
                             type_lines.lines.end());
    return login;
  }
  login.reply.ok = true;
  login.session = std::move(client);
  return login;
}

ControlReply RealFtpClient::exchange(std::string_view line, FtpReply& into) {
  ControlReply reply = closed_ ? ControlReply{} : control_.command(line);
  if (reply.code == 0 || reply.code == 421) closed_ = true;
  append(into, reply);
  return reply;
}

FtpReply RealFtpClient::simple(std::string_view verb, std::optional<std::string_view> argument) {
  if (argument && !safe_argument(*argument)) return refused("501 Syntax error in parameters.");
  std::string line(verb);
  if (argument) line += " " + std::string(*argument);
  FtpReply reply;
  reply.ok = exchange(line, reply).positive();
  return reply;
}

FtpReply RealFtpClient::cwd(std::string_view path) { return simple("CWD", path); }
FtpReply RealFtpClient::cdup() { return simple("CDUP", std::nullopt); }
FtpReply RealFtpClient::pwd() { return simple("PWD", std::nullopt); }
FtpReply RealFtpClient::mkd(std::string_view path) { return simple("MKD", path); }
FtpReply RealFtpClient::rmd(std::string_view path) { return simple("RMD", path); }
FtpReply RealFtpClient::dele(std::string_view path) { return simple("DELE", path); }
FtpReply RealFtpClient::syst() { return simple("SYST", std::nullopt); }
FtpReply RealFtpClient::noop() { return simple("NOOP", std::nullopt); }
FtpReply RealFtpClient::size(std::string_view path) { return simple("SIZE", path); }
FtpReply RealFtpClient::mdtm(std::string_view path) { return simple("MDTM", path); }
FtpReply RealFtpClient::stat(std::optional<std::string_view> path) { return simple("STAT", path); }

FtpReply RealFtpClient::rename(std::string_view from, std::string_view to) {
  if (!safe_argument(from) || !safe_argument(to)) return refused("501 Syntax error in parameters.");
  FtpReply reply;
  if (!exchange("RNFR " + std::string(from), reply).intermediate()) return reply;
  reply.ok = exchange("RNTO " + std::string(to), reply).positive();
  return reply;
}

FtpReply RealFtpClient::quit() {
  FtpReply reply;
  reply.ok = exchange("QUIT", reply).positive();
  control_.close();
  closed_ = true;
  return reply;
}

bool RealFtpClient::closed_by_server() {
  if (!closed_ && control_.has_unsolicited()) {
    // Between commands the server speaks only to end the session (421 on an idle timeout).
    ControlReply reply = control_.read_reply(std::chrono::milliseconds(1000));
    if (reply.code == 0 || reply.code == 421) closed_ = true;
  }
  return closed_;
}

ControlReply RealFtpClient::transfer_end() {
  ControlReply reply = control_.read_reply(transfer_end_timeout);
  if (reply.code == 0 || reply.code == 421) closed_ = true;
  return reply;
}

std::unique_ptr<TimedSocket> RealFtpClient::open_data_connection(FtpReply& into) {
  std::string host = control_.remote_address();
  std::uint16_t port = 0;
  ControlReply epsv = exchange("EPSV", into);
  if (auto p = epsv.code == 229 ? epsv_port(epsv) : std::nullopt) {
    port = *p;
  } else {
    if (closed_) return nullptr;
    ControlReply pasv = exchange("PASV", into);
    auto address = pasv.code == 227 ? pasv_address(pasv) : std::nullopt;
    if (!address) return nullptr;
    std::tie(host, port) = *address;
  }
  auto data = std::make_unique<TimedSocket>();
  if (data->connect(host, port, data_timeout)) {
    into.lines.push_back("425 Can't open data connection.");
    return nullptr;
  }
  return data;
}

std::unique_ptr<TimedSocket> RealFtpClient::start_transfer(const std::string& command,
                                                           std::uint64_t offset, FtpReply& into,
                                                           ControlReply& start) {
  auto data = open_data_connection(into);
  if (!data) return nullptr;
  if (offset > 0 && !exchange("REST " + std::to_string(offset), into).intermediate())
    return nullptr;
  start = exchange(command, into);
  if (start.positive_preliminary()) return data;
  return nullptr;
}

FtpReply RealFtpClient::list(std::optional<std::string_view> path, std::string& data) {
  if (path && !safe_argument(*path)) return refused("501 Syntax error in parameters.");
  FtpReply reply;
  ControlReply start;
  auto socket = start_transfer(path ? "LIST " + std::string(*path) : "LIST", 0, reply, start);
  if (!socket) return reply;
  NetReader reader(*this, std::move(socket));
  char chunk[16384];
  while (std::size_t got = reader.read(chunk, sizeof chunk)) data.append(chunk, got);
  FtpReply end = reader.finish();
  append(reply, {0, end.lines});
  reply.ok = end.ok;
  return reply;
}

FtpReply RealFtpClient::retr(std::string_view path, std::uint64_t offset,
                             std::unique_ptr<DataReader>& data) {
  if (!safe_argument(path)) return refused("501 Syntax error in parameters.");
  FtpReply reply;
  ControlReply start;
  auto socket = start_transfer("RETR " + std::string(path), offset, reply, start);
  if (socket) data = std::make_unique<NetReader>(*this, std::move(socket));
  else if (start.positive()) data = std::make_unique<FinishedReader>();
  reply.ok = data != nullptr;
  return reply;
}

FtpReply RealFtpClient::stor(std::string_view path, std::uint64_t offset,
                             std::unique_ptr<DataWriter>& data) {
  if (!safe_argument(path)) return refused("501 Syntax error in parameters.");
  FtpReply reply;
  ControlReply start;
  auto socket = start_transfer("STOR " + std::string(path), offset, reply, start);
  if (socket) {
    data = std::make_unique<NetWriter>(*this, std::move(socket));
    reply.ok = true;
  }
  return reply;
}

}  // namespace mfs::sim
