// The L610 error tables, transcribed from the seed manual's sections 2.1 (CME) and 2.3 (TCP/IP),
// sorted by code. Texts are the manual's, trailing spaces trimmed; kinds are our reading.
#include "core/dialect/l610_errors.hpp"

#include <algorithm>
#include <array>

#include "core/at/at_error.hpp"

namespace mfs::dialect::l610 {
namespace {

constexpr std::array cme_table = {
    CmeEntry{0, "phone failure", CmeKind::other},
    CmeEntry{1, "no connection to phone", CmeKind::other},
    CmeEntry{2, "phone-adaptor link reserved", CmeKind::other},
    CmeEntry{3, "operation not allowed", CmeKind::refused},
    CmeEntry{4, "operation not supported", CmeKind::refused},
    CmeEntry{5, "PH-SIM PIN required", CmeKind::sim},
    CmeEntry{6, "PH-FSIM PIN required", CmeKind::sim},
    CmeEntry{7, "PH-FSIM PUK required", CmeKind::sim},
    CmeEntry{10, "SIM not inserted", CmeKind::sim},
    CmeEntry{11, "SIM PIN required", CmeKind::sim},
    CmeEntry{12, "SIM PUK required", CmeKind::sim},
    CmeEntry{13, "SIM failure", CmeKind::sim},
    CmeEntry{14, "SIM busy", CmeKind::sim},
    CmeEntry{15, "SIM wrong", CmeKind::sim},
    CmeEntry{16, "incorrect password", CmeKind::sim},
    CmeEntry{17, "SIM PIN2 required", CmeKind::sim},
    CmeEntry{18, "SIM PUK2 required", CmeKind::sim},
    CmeEntry{19, "incorrect PUK1", CmeKind::other},
    CmeEntry{20, "memory full", CmeKind::other},
    CmeEntry{21, "invalid index", CmeKind::other},
    CmeEntry{22, "not found", CmeKind::other},
    CmeEntry{23, "memory failure", CmeKind::other},
    CmeEntry{24, "text string too long", CmeKind::other},
    CmeEntry{25, "invalid characters in text string", CmeKind::other},
    CmeEntry{26, "dial string too long", CmeKind::other},
    CmeEntry{27, "invalid characters in dial string", CmeKind::other},
    CmeEntry{30, "no network service", CmeKind::network},
    CmeEntry{31, "network timeout", CmeKind::network},
    CmeEntry{32, "network not allowed - emergency calls only", CmeKind::network},
    CmeEntry{40, "network personalization PIN required", CmeKind::other},
    CmeEntry{41, "network personalization PUK required", CmeKind::other},
    CmeEntry{42, "network subset personalization PIN required", CmeKind::other},
    CmeEntry{43, "network subset personalization PUK required", CmeKind::other},
    CmeEntry{44, "service provider personalization PIN required", CmeKind::other},
    CmeEntry{45, "service provider personalization PUK required", CmeKind::other},
    CmeEntry{46, "corporate personalization PIN required", CmeKind::other},
    CmeEntry{47, "corporate personalization PUK required", CmeKind::other},
    CmeEntry{48, "hidden key required", CmeKind::other},
    CmeEntry{49, "EAP method not supported", CmeKind::other},
    CmeEntry{50, "Incorrect parameters", CmeKind::other},
    CmeEntry{100, "unknown", CmeKind::other},
    CmeEntry{103, "Illegal MS", CmeKind::network},
    CmeEntry{106, "Illegal ME", CmeKind::network},
    CmeEntry{107, "GPRS services not allowed", CmeKind::network},
    CmeEntry{111, "PLMN not allowed", CmeKind::network},
    CmeEntry{112, "location area not allowed", CmeKind::network},
    CmeEntry{113, "roaming not allowed in this location area", CmeKind::network},
    CmeEntry{114, "GPRS services not allowed in this PLMN", CmeKind::network},
    CmeEntry{116, "MSC temporarily not reachable", CmeKind::network},
    CmeEntry{117, "Network failure", CmeKind::network},
    CmeEntry{132, "Service not supported", CmeKind::other},
    CmeEntry{133, "Service not subscribed", CmeKind::other},
    CmeEntry{134, "service option temporarily out of order", CmeKind::other},
    CmeEntry{135, "NS-api already used", CmeKind::other},
    CmeEntry{148, "Unspecified GPRS error", CmeKind::network},
    CmeEntry{149, "PDP authentication error", CmeKind::other},
    CmeEntry{150, "invalid mobile class", CmeKind::other},
    CmeEntry{244, "Attach failure", CmeKind::network},
    CmeEntry{257, "Invalid error mapping", CmeKind::other},
    CmeEntry{258, "APN not listed in APN Control List (ACL)", CmeKind::other},
    CmeEntry{701, "incorrect security code", CmeKind::other},
    CmeEntry{702, "max attempts reached", CmeKind::other},
    CmeEntry{1001, "Unassigned (unallocated) number", CmeKind::other},
    CmeEntry{1003, "No route to destination", CmeKind::other},
    CmeEntry{1006, "Channel unacceptable", CmeKind::other},
    CmeEntry{1008, "Operator determined barring", CmeKind::other},
    CmeEntry{1016, "Normal call clearing", CmeKind::other},
    CmeEntry{1017, "User busy", CmeKind::other},
    CmeEntry{1018, "No user responding", CmeKind::other},
    CmeEntry{1019, "User alerting, no answer", CmeKind::other},
    CmeEntry{1021, "Call rejected", CmeKind::other},
    CmeEntry{1022, "Number changed", CmeKind::other},
    CmeEntry{1026, "Non selected user clearing", CmeKind::other},
    CmeEntry{1027, "Destination out of order", CmeKind::other},
    CmeEntry{1028, "Invalid number format (incomplete number)", CmeKind::other},
    CmeEntry{1029, "Facility rejected", CmeKind::other},
    CmeEntry{1030, "Response to STATUS ENQUIRY", CmeKind::other},
    CmeEntry{1031, "Normal, unspecified", CmeKind::other},
    CmeEntry{1034, "No circuit/channel available", CmeKind::other},
    CmeEntry{1038, "Network out of order", CmeKind::other},
    CmeEntry{1041, "Temporary failure", CmeKind::other},
    CmeEntry{1042, "Switching equipment congestion", CmeKind::other},
    CmeEntry{1043, "Access information discarded", CmeKind::other},
    CmeEntry{1044, "requested circuit/channel not available", CmeKind::other},
    CmeEntry{1047, "Resources unavailable, unspecified", CmeKind::other},
    CmeEntry{1049, "Quality of service unavailable", CmeKind::other},
    CmeEntry{1050, "Requested facility not subscribed", CmeKind::other},
    CmeEntry{1055, "Incoming calls barred within the CUG", CmeKind::other},
    CmeEntry{1057, "Bearer capability not authorized", CmeKind::other},
    CmeEntry{1058, "Bearer capability not presently available", CmeKind::other},
    CmeEntry{1063, "Service or option not available, unspecified", CmeKind::other},
    CmeEntry{1065, "Bearer service not implemented", CmeKind::other},
    CmeEntry{1068, "ACM equal to or greater than ACMmax", CmeKind::other},
    CmeEntry{1069, "Requested facility not implemented", CmeKind::other},
    CmeEntry{1070, "Only restr. digital information bearer capability", CmeKind::other},
    CmeEntry{1079, "Service or option not implemented, unspecified", CmeKind::other},
    CmeEntry{1081, "Invalid transaction identifier value", CmeKind::other},
    CmeEntry{1087, "User not member of CUG", CmeKind::other},
    CmeEntry{1088, "Incompatible destination", CmeKind::other},
    CmeEntry{1091, "Invalid transit network selection", CmeKind::other},
    CmeEntry{1095, "Semantically incorrect message", CmeKind::other},
    CmeEntry{1096, "Invalid mandatory information", CmeKind::other},
    CmeEntry{1097, "Message type non-existent or not implemented", CmeKind::other},
    CmeEntry{1098, "Message type not compatible with protocol state", CmeKind::other},
    CmeEntry{1099, "Information element non-existent or not implemented", CmeKind::other},
    CmeEntry{1100, "Conditional IE error", CmeKind::other},
    CmeEntry{1101, "Message not compatible with protocol state", CmeKind::other},
    CmeEntry{1102, "Recovery on timer expiry", CmeKind::other},
    CmeEntry{1111, "Protocol error, unspecified", CmeKind::other},
    CmeEntry{1127, "Interworking, unspecified", CmeKind::other},
    CmeEntry{1279, "Number not allowed", CmeKind::other},
    CmeEntry{1283, "CCBS possible", CmeKind::other},
    CmeEntry{2000, "TCPIP Param wrong", CmeKind::other},
    CmeEntry{2001, "TCPIP not supported in ppp mode", CmeKind::other},
    CmeEntry{2002, "TCPIP dns convert to ip fail", CmeKind::network},
    CmeEntry{2003, "TCPIP socket number limited", CmeKind::other},
    CmeEntry{2004, "TCPIP invalid operation", CmeKind::other},
    CmeEntry{2005, "TCPIP protocol error", CmeKind::other},
    CmeEntry{2006, "TCPIP send data too long", CmeKind::other},
    CmeEntry{2007, "TCPIP send data memory failed", CmeKind::other},
    CmeEntry{2008, "TCPIP service not in correct state", CmeKind::other},
    CmeEntry{2009, "TCPIP pdp not defined", CmeKind::other},
    CmeEntry{2010, "TCPIP new socket failed", CmeKind::network},
    CmeEntry{2011, "TCPIP socket bind fail", CmeKind::network},
    CmeEntry{2012, "TCPIP socket connect fail", CmeKind::network},
    CmeEntry{2013, "TCPIP socket send fail", CmeKind::network},
    CmeEntry{2014, "TCPIP socket close fail", CmeKind::other},
    CmeEntry{2015, "TCPIP get socket receive buffer failed", CmeKind::other},
    CmeEntry{2016, "TCPIP receive data failed", CmeKind::network},
    CmeEntry{2017, "TCPIP socket used", CmeKind::other},
    CmeEntry{2018, "TCPIP get send buffer size failed", CmeKind::other},
    CmeEntry{2019, "TCPIP socket send data failed", CmeKind::network},
    CmeEntry{2020, "TCPIP socket send data size limited", CmeKind::other},
    CmeEntry{2021, "TCPIP socket set listening mode failed", CmeKind::other},
    CmeEntry{2022, "TCPIP socket listen fail", CmeKind::other},
    CmeEntry{2023, "TCPIP socket error", CmeKind::network},
    CmeEntry{2024, "TCPIP socket not opened", CmeKind::network},
    CmeEntry{2025, "TCPIP tcp stack config failed", CmeKind::other},
    CmeEntry{2026, "TCPIP socket no data to send", CmeKind::other},
    CmeEntry{2027, "TCPIP socket send invalid data state", CmeKind::other},
    CmeEntry{2028, "TCPIP socket close client", CmeKind::network},
    CmeEntry{2029, "TCPIP ping error", CmeKind::other},
    CmeEntry{2030, "TCPIP ppp not connected", CmeKind::other},
    CmeEntry{2031, "TCPIP mipcall not active", CmeKind::bearer_inactive},
    CmeEntry{2032, "TCPIP etcpip not active", CmeKind::bearer_inactive},
    CmeEntry{2033, "TCPIP not def4", CmeKind::other},
};
static_assert(std::is_sorted(cme_table.begin(), cme_table.end(),
                             [](const CmeEntry& a, const CmeEntry& b) { return a.code < b.code; }),
              "find_cme searches the table by bisection");

}  // namespace

std::optional<CmeEntry> find_cme(int code) {
  auto it = std::lower_bound(cme_table.begin(), cme_table.end(), code,
                             [](const CmeEntry& e, int c) { return e.code < c; });
  if (it == cme_table.end() || it->code != code) return std::nullopt;
  return *it;
}

CmeKind cme_kind(int code) {
  auto entry = find_cme(code);
  return entry ? entry->kind : CmeKind::other;
}

CmeKind cme_kind(const std::error_code& ec) {
  if (ec.category() != at::cme_category()) return CmeKind::other;
  return cme_kind(ec.value());
}

std::string describe(const std::error_code& ec) {
  if (ec.category() != at::cme_category()) return ec.message();
  std::string out = "+CME ERROR: " + std::to_string(ec.value());
  if (auto entry = find_cme(ec.value())) out += " (" + std::string(entry->text) + ")";
  return out;
}

}  // namespace mfs::dialect::l610
