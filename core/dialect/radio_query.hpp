// The radio as 3GPP TS 27.007 lets every family read it, answered by the module itself (no
// cellular bytes): signal quality (AT+CSQ), circuit and EPS registration (AT+CREG?, AT+CEREG?)
// and the model (AT+CGMM). For `modemftpfs status` and the idle-time radio watch.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/at/at_engine.hpp"
#include "core/util/result.hpp"

namespace mfs::dialect {

struct RadioReading {
  std::optional<int> rssi;          // CSQ 0-31; nullopt when unknown (99) or not answered
  std::optional<int> creg;          // <stat> of +CREG: 0 not, 1 home, 2 searching, 3 denied,
  std::optional<int> cereg;         // 4 unknown, 5 roaming; the same for +CEREG (LTE)

  // Registered (home or roaming) on either network; a module that answered neither counts as
  // registered, since nothing says otherwise.
  bool registered() const;
  std::string registration() const;  // "home", "roaming", "searching", "denied", ... "unknown"
};

// <stat> from "+CREG: <n>,<stat>[,...]" (a query answer) or "+CREG: <stat>[,...]" (a URC);
// `prefix` is "+CREG" or "+CEREG".
std::optional<int> parse_registration(std::string_view line, std::string_view prefix);

// dBm for a CSQ rssi (TS 27.007: 0 is -113 dBm or less, 31 is -51 dBm or more, 2 dB a step),
// and the 0-5 scale phones show.
int rssi_dbm(int rssi);
int rssi_bars(int rssi);

// Sends AT+CSQ, AT+CREG? and AT+CEREG?; a command the module refuses (ERROR) leaves its field
// empty, engine failures (timeout, lost link) pass through.
result<RadioReading> read_radio(at::AtEngine& engine, std::chrono::milliseconds timeout);

// AT+CGMM's answer ("L610", "SIMCOM_SIM7000G"), or "" when the module refuses it.
result<std::string> read_model(at::AtEngine& engine, std::chrono::milliseconds timeout);

}  // namespace mfs::dialect
