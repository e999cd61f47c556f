// The real-server backend against real servers (tests/e2e/real_server.hpp): what it relays is
// what the server sent, transfers start where asked, and a server-side idle close reaches the
// modem wire as an unsolicited +FTPCLOSE: 1 (tag [realftp]).
#include <sys/stat.h>
#include <utime.h>

#include <catch2/catch.hpp>

#include <fstream>

#include "sim/real_ftp_client.hpp"
#include "tests/e2e/real_server.hpp"
#include "tests/sim/sim_harness.hpp"

namespace fs = std::filesystem;
using mfs::e2e::RealServer;
using namespace mfs::sim;
using namespace mfs::sim::test;

namespace {

// A temporary directory holding the served tree ("root") and the server's own files.
struct ServedTree {
  ServedTree() {
    std::string tmpl = (fs::temp_directory_path() / "mfs-realftp-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    base = tmpl;
    fs::create_directory(root());
  }
  ~ServedTree() {
    std::error_code ignored;
    fs::remove_all(base, ignored);
  }
  fs::path root() const { return base / "root"; }
  fs::path work() const { return base / "server"; }
  fs::path base;
};

std::string password_of(const RealServer& server) {
  std::ifstream in(server.password_file());
  std::string line;
  std::getline(in, line);
  return line;
}

std::unique_ptr<FtpBackend> login(const RealServer& server) {
  FtpLogin login = RealFtpClient::open(*parse_ftp_url(server.url()), password_of(server));
  INFO(login.reply.lines.size());
  REQUIRE(login.reply.ok);
  REQUIRE(login.session);
  return std::move(login.session);
}

std::string last_line(const FtpReply& reply) { return reply.lines.empty() ? "" : reply.lines.back(); }

std::string read_all(DataReader& reader) {
  std::string out;
  char chunk[4096];
  while (std::size_t got = reader.read(chunk, sizeof chunk)) out.append(chunk, got);
  return out;
}

}  // namespace

TEST_CASE("ftp URLs name the user, host and port; anything else is refused", "[realftp]") {
  auto url = parse_ftp_url("ftp://mfs@127.0.0.1:2121");
  REQUIRE(url);
  CHECK(url->user == "mfs");
  CHECK(url->host == "127.0.0.1");
  CHECK(url->port == 2121);
  auto plain = parse_ftp_url("ftp://ftp.example/");
  REQUIRE(plain);
  CHECK(plain->user == "anonymous");
  CHECK(plain->port == 21);
  auto v6 = parse_ftp_url("ftp://u@[::1]:21");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK_FALSE(parse_ftp_url("http://h:21"));
  CHECK_FALSE(parse_ftp_url("ftp://h:0"));
  CHECK_FALSE(parse_ftp_url("ftp://h:99999"));
  CHECK_FALSE(parse_ftp_url("ftp://@h"));
  CHECK_FALSE(parse_ftp_url("ftp://h/dir"));
}

TEST_CASE("a wrong password is the server's 530 and no session", "[realftp]") {
  ServedTree tree;
  RealServer server("pyftpdlib", tree.root(), tree.work());
  FtpLogin login = RealFtpClient::open(*parse_ftp_url(server.url()), "not-the-password");
  CHECK_FALSE(login.reply.ok);
  CHECK_FALSE(login.session);
  CHECK(last_line(login.reply).starts_with("530"));
}

TEST_CASE("LIST bytes, reply lines and transfers pass through unchanged", "[realftp]") {
  const std::string kind = GENERATE(as<std::string>{}, "pyftpdlib", "pure-ftpd");
  ServedTree tree;
  ::umask(0);  // pure-ftpd acts as nobody
  RealServer server(kind, tree.root(), tree.work());
  const std::string body = pattern(10000);
  write_file(tree.root() / "data.bin", body);
  const std::string unicode = "\xc3\xbc" "nic" "\xc3\xb6" "de.txt";  // "ünicöde.txt" in UTF-8
  write_file(tree.root() / unicode, "u");
  write_file(tree.root() / "old.txt", "o");
  utimbuf old{1551675960, 1551675960};  // 2019-03-04 05:06
  ::utime((tree.root() / "old.txt").c_str(), &old);
  fs::create_symlink("data.bin", tree.root() / "link");
  auto session = login(server);
  INFO(kind);

  std::string listing;
  FtpReply listed = session->list(std::nullopt, listing);
  REQUIRE(listed.ok);
  CHECK(last_line(listed).starts_with("226"));
  CHECK(listing.find(" " + unicode + "\r\n") != std::string::npos);
  CHECK(listing.find(" link -> data.bin\r\n") != std::string::npos);
  CHECK(listing.find(" 2019 old.txt\r\n") != std::string::npos);
  CHECK(listing.find(" 10000 ") != std::string::npos);

  std::unique_ptr<DataReader> reader;
  FtpReply started = session->retr("/data.bin", 4000, reader);
  REQUIRE(started.ok);
  CHECK(started.lines.back().substr(0, 1) == "1");  // 150 or 125, as the server words it
  CHECK(read_all(*reader) == body.substr(4000));
  CHECK(reader->finish().ok);

  std::unique_ptr<DataWriter> writer;
  REQUIRE(session->stor("/up.bin", 0, writer).ok);
  CHECK(writer->write(body.substr(0, 6000)));
  CHECK(writer->finish().ok);
  REQUIRE(session->stor("/up.bin", 6000, writer).ok);  // REST 6000 + STOR resumes
  CHECK(writer->write(body.substr(6000)));
  CHECK(writer->finish().ok);
  CHECK(read_file(tree.root() / "up.bin") == body);

  // At the end of the file: pyftpdlib sends 150 and no data, Pure-FTPd "226 Nothing left to
  // download" without a data transfer; either way the download is empty and complete.
  FtpReply at_end = session->retr("/data.bin", body.size(), reader);
  REQUIRE(at_end.ok);
  CHECK(read_all(*reader).empty());
  CHECK(reader->finish().ok);

  FtpReply size = session->size("/up.bin");
  CHECK(last_line(size) == "213 10000");
  CHECK(last_line(session->mdtm("/old.txt")) == "213 20190304050600");
  CHECK(quoted_path(session->pwd()) == "/");
}

TEST_CASE("the servers' own error replies reach the modem unchanged", "[realftp]") {
  const std::string kind = GENERATE(as<std::string>{}, "pyftpdlib", "pure-ftpd");
  ServedTree tree;
  ::umask(0);
  RealServer server(kind, tree.root(), tree.work());
  fs::create_directories(tree.root() / "full" / "inner");
  auto session = login(server);
  INFO(kind);

  std::unique_ptr<DataReader> reader;
  FtpReply missing = session->retr("/no-such-file", 0, reader);
  CHECK_FALSE(missing.ok);
  CHECK_FALSE(reader);
  CHECK(last_line(missing).starts_with("550"));
  CHECK(last_line(session->dele("/no-such-file")).starts_with("550"));
  CHECK(last_line(session->rmd("/full")).starts_with("550"));
  FtpReply renamed = session->rename("/no-such-file", "/x");
  CHECK_FALSE(renamed.ok);
  CHECK(last_line(renamed).starts_with("550"));
  // The session is still usable after every refusal.
  CHECK(session->noop().ok);
  CHECK_FALSE(session->closed_by_server());
}

TEST_CASE("an idle session the server closes becomes an unsolicited +FTPCLOSE: 1", "[realftp]") {
  ServedTree tree;
  RealServer server("pyftpdlib", tree.root(), tree.work(), std::chrono::seconds(1));
  SimHarness sim([&](SimConfig& config) {
    config.ftp_url = server.url();
    config.password = password_of(server);
  });
  PtyClient client(sim.link());
  start_session(client);
  // pyftpdlib sends "421 Control connection timed out." after 1 s without a command.
  CHECK(client.read_until("+FTPCLOSE: 1\r\n", std::chrono::seconds(15)) == "+FTPCLOSE: 1\r\n");
  CHECK(client.exchange("AT+FTPOPEN?", "OK\r\n") == "+FTPOPEN: 0\r\nOK\r\n");
}
