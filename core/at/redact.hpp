// Password redaction for the AT trace: secrets never reach a log (brief: "Secrets never
// logged"). Pure, so the rules are tested without a modem.
#pragma once

#include <string>
#include <string_view>

namespace mfs::at {

// The line with every password replaced by "***":
//  - AT+FTPOPEN=...: the 3rd quoted parameter (host, user, password, ...);
//  - AT+MIPCALL=... and AT+CSTT=...: the 3rd quoted parameter (apn, user, password);
//  - AT+CGAUTH=...: the 2nd quoted parameter (user, password);
//  - AT+FTPPW=...: the 1st quoted parameter;
//  - an FTP control line echoed as "+FTPINFO: PASS <secret>": everything after "PASS ".
// Works on commands and on modem lines alike (echoes repeat the command).
std::string redact(std::string_view line);

}  // namespace mfs::at
