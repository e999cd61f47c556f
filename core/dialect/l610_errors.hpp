// The L610's numeric errors (seed manual 2.1 CME and 2.3 TCP/IP 2000-2033): their texts for
// messages, and what each means for the driver (SIM trouble, network trouble, bearer gone).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace mfs::dialect::l610 {

enum class CmeKind {
  other,
  refused,          // 3, 4: the module will not do it now (e.g. busy with a transfer)
  sim,              // 5-7, 10-18: no usable SIM; retrying will not help until a person acts
  network,          // 30, 31, 2012, 2023...: radio or TCP trouble; retry later
  bearer_inactive,  // 2031, 2032: the PDP context is down; re-activate it (MIPCALL), then retry
};

struct CmeEntry {
  int code;
  std::string_view text;
  CmeKind kind;
};

// The seed's entry for `code`, nullopt for codes the manual does not list.
std::optional<CmeEntry> find_cme(int code);

// The kind of `code`; unknown codes are `other`.
CmeKind cme_kind(int code);

// The kind of an error returned by the engine: `other` unless it is a +CME ERROR.
CmeKind cme_kind(const std::error_code& ec);

// "+CME ERROR: 2031 (TCPIP mipcall not active)" for CME errors, ec.message() otherwise.
std::string describe(const std::error_code& ec);

}  // namespace mfs::dialect::l610
