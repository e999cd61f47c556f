// What every SIM7000 simulator test does as the host: start the simulator as a SIM7000, bring
// the bearer up, set the seed's session parameters, and read length-announced blocks.
#pragma once

#include <string>
#include <string_view>

#include "tests/sim/pty_client.hpp"
#include "tests/sim/sim_harness.hpp"

namespace mfs::sim::test {

// Makes `config` a SIM7000 whose server accepts the seed's credentials (5.1: AT+FTPUN="sim.cs1",
// AT+FTPPW="*****").
SimConfig& as_sim7000(SimConfig& config);

// ATE0 and AT+CNACT=1 -> OK, +APP PDP: ACTIVE; every reply checked byte-exactly.
void start_sim7000(PtyClient& host);
// AT+FTPCID=1, FTPSERV, FTPUN, FTPPW as in seed 5.1, each answered OK.
void set_login(PtyClient& host);
// AT+FTPGETNAME and AT+FTPGETPATH, each answered OK (by default the seed's running example).
void set_get_file(PtyClient& host, std::string_view path = "/", std::string_view name = "1K.txt");
// AT+FTPPUTNAME and AT+FTPPUTPATH, each answered OK.
void set_put_file(PtyClient& host, std::string_view path = "/", std::string_view name = "1K.txt");
// AT+<name>=<value> answered OK ("FTPGETNAME", "\"1K.txt\"").
void set(PtyClient& host, std::string_view name, std::string_view value);

// "AT+<cmd>=2,<n>" -> "+<cmd>: 2,<m>\r\n<m bytes>\r\nOK\r\n"; returns the m bytes.
std::string read_block(PtyClient& host, std::string_view cmd, std::size_t n);
// Reads `total` bytes in blocks of `n`, then expects the end URC "+<cmd>: 1,0".
std::string read_to_end(PtyClient& host, std::string_view cmd, std::size_t n, std::size_t total);

}  // namespace mfs::sim::test
