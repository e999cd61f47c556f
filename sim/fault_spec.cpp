// parse_fault_spec: one rule per comma, each "KIND@WHEN[:ARG]", "KIND=P[:ARG]",
// "drop-download@N", "reboot-download@N[:MS]", "drop-upload@N" or "random=P[:KIND+KIND...]".
#include "sim/fault_spec.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace mfs::sim {
namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 7> kind_names = {{
    {FaultKind::drop, "drop"},     {FaultKind::bearer_lost, "bearer-lost"},
    {FaultKind::reboot, "reboot"}, {FaultKind::vanish, "vanish"},
    {FaultKind::error, "error"},   {FaultKind::cme, "cme"},
    {FaultKind::stall, "stall"},
}};

// Long enough for a driver to notice, short enough for a test.
constexpr std::chrono::milliseconds default_reboot_silence{1000};
constexpr std::chrono::milliseconds default_vanish_absence{1000};

std::optional<FaultKind> kind_named(std::string_view name) {
  for (auto [kind, text] : kind_names)
    if (text == name) return kind;
  return std::nullopt;
}

std::optional<std::uint64_t> whole_number(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> probability(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value < 0 || value > 1) return std::nullopt;
  return value;
}

// Splits "a:b" into ("a", "b"); no ':' gives ("a", nullopt).
std::pair<std::string_view, std::optional<std::string_view>> split_arg(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return {text, std::nullopt};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

// The fault's defaults, then ARG: milliseconds for reboot, vanish and bearer-lost, a code for
// cme; the other kinds take none.
std::optional<Fault> fault_with_arg(FaultKind kind, std::optional<std::string_view> arg) {
  Fault fault = default_fault(kind);
  if (!arg) return fault;
  auto value = whole_number(*arg);
  if (!value) return std::nullopt;
  switch (kind) {
    case FaultKind::reboot:
    case FaultKind::vanish:
    case FaultKind::bearer_lost: fault.duration = std::chrono::milliseconds(*value); break;
    case FaultKind::cme: fault.cme_code = static_cast<int>(*value); break;
    default: return std::nullopt;
  }
  return fault;
}

// N, NAME or NAME#K; names are matched upper case, as --stats spells them.
std::optional<CommandTrigger> command_trigger(std::string_view text) {
  CommandTrigger trigger;
  if (auto index = whole_number(text)) {
    if (*index == 0) return std::nullopt;
    trigger.index = *index;
    return trigger;
  }
  auto hash = text.find('#');
  if (hash != std::string_view::npos) {
    auto occurrence = whole_number(text.substr(hash + 1));
    if (!occurrence || *occurrence == 0) return std::nullopt;
    trigger.occurrence = *occurrence;
    text = text.substr(0, hash);
  }
  if (text.empty()) return std::nullopt;
  for (char c : text) trigger.name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return trigger;
}

// N, or for a reboot N[:MS].
std::optional<FaultRule> transfer_rule(FaultRule::When when, FaultKind kind,
                                       std::string_view text) {
  auto [byte, arg] = split_arg(text);
  auto n = whole_number(byte);
  auto fault = fault_with_arg(kind, arg);
  if (!n || *n == 0 || !fault) return std::nullopt;
  FaultRule rule;
  rule.when = when;
  rule.fault = *fault;
  rule.fault.mid_transfer = kind == FaultKind::reboot;
  rule.byte = *n;
  return rule;
}

// random=P[:KIND+KIND...]: each kind with its defaults.
std::optional<FaultRule> random_mix_rule(std::string_view text) {
  auto [p, kinds] = split_arg(text);
  auto chance = probability(p);
  if (!chance) return std::nullopt;
  FaultRule rule;
  rule.when = FaultRule::When::random;
  rule.probability = *chance;
  if (!kinds) {
    for (auto [kind, name] : kind_names) rule.kinds.push_back(kind);
    return rule;
  }
  for (std::string_view rest = *kinds; !rest.empty();) {
    auto plus = rest.find('+');
    auto kind = kind_named(rest.substr(0, plus));
    if (!kind) return std::nullopt;
    rule.kinds.push_back(*kind);
    rest = plus == std::string_view::npos ? std::string_view() : rest.substr(plus + 1);
    if (plus != std::string_view::npos && rest.empty()) return std::nullopt;
  }
  return rule;
}

std::optional<FaultRule> parse_rule(std::string_view text) {
  if (text.starts_with("drop-download@"))
    return transfer_rule(FaultRule::When::download_byte, FaultKind::drop, text.substr(14));
  if (text.starts_with("reboot-download@"))
    return transfer_rule(FaultRule::When::download_byte, FaultKind::reboot, text.substr(16));
  if (text.starts_with("drop-upload@"))
    return transfer_rule(FaultRule::When::upload_byte, FaultKind::drop, text.substr(12));
  if (text.starts_with("vanish-upload@"))
    return transfer_rule(FaultRule::When::upload_vanish_byte, FaultKind::vanish, text.substr(14));
  if (text.starts_with("random=")) return random_mix_rule(text.substr(7));
  auto sep = text.find_first_of("@=");
  if (sep == std::string_view::npos) return std::nullopt;
  auto kind = kind_named(text.substr(0, sep));
  if (!kind) return std::nullopt;
  auto [when, arg] = split_arg(text.substr(sep + 1));
  auto fault = fault_with_arg(*kind, arg);
  if (!fault) return std::nullopt;
  FaultRule rule;
  rule.fault = *fault;
  if (text[sep] == '=') {
    auto chance = probability(when);
    if (!chance) return std::nullopt;
    rule.when = FaultRule::When::random;
    rule.probability = *chance;
    rule.kinds = {*kind};
    return rule;
  }
  auto trigger = command_trigger(when);
  if (!trigger) return std::nullopt;
  rule.command = *trigger;
  return rule;
}

}  // namespace

Fault default_fault(FaultKind kind) {
  Fault fault;
  fault.kind = kind;
  if (kind == FaultKind::reboot) fault.duration = default_reboot_silence;
  if (kind == FaultKind::vanish) fault.duration = default_vanish_absence;
  return fault;
}

std::string_view fault_name(FaultKind kind) {
  for (auto [k, name] : kind_names)
    if (k == kind) return name;
  return "unknown";
}

std::optional<std::vector<FaultRule>> parse_fault_spec(std::string_view spec, std::string& error) {
  std::vector<FaultRule> rules;
  while (!spec.empty()) {
    auto comma = spec.find(',');
    std::string_view text = spec.substr(0, comma);
    auto rule = parse_rule(text);
    if (!rule) {
      error = "bad fault rule '" + std::string(text) + "'";
      return std::nullopt;
    }
    rules.push_back(std::move(*rule));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
  }
  return rules;
}

const char* const fault_spec_help =
    "Faults (--faults RULE[,RULE...], any combination; random draws come from --seed, so the\n"
    "same command sequence meets the same faults; the wire shown is the L610's):\n"
    "  KIND@WHEN[:ARG]     once, instead of (or before) the command WHEN names\n"
    "  KIND=P[:ARG]        on each FTP exchange with probability P (0..1)\n"
    "  random=P[:K+K...]   on each FTP exchange with probability P, one fault of a kind drawn\n"
    "                      among K (default: all kinds below), each with its default ARG\n"
    "  drop-download@N     once: the first download reaching byte N (counted from its FTPGET/\n"
    "                      FTPRETR) delivers bytes 1..N, then the session drops (+FTPCLOSE: 1)\n"
    "  drop-upload@N       once: the first upload reaching byte N keeps bytes 1..N, then drops\n"
    "  vanish-upload@N[:MS]  once: the device vanishes (for MS ms) as the first upload reaches\n"
    "                      byte N; the module stays inside that stream or prompt, so what the\n"
    "                      host sends next is still the upload's data\n"
    "  reboot-download@N[:MS]  once: the first download reaching byte N delivers bytes 1..N,\n"
    "                      then the module reboots (as reboot:MS): no end byte, no result; the\n"
    "                      banner follows the bytes already sent, inside an FTPRETR stream\n"
    "  WHEN: N (the Nth AT command line since start, 1-based, as \"at_commands\" in --stats),\n"
    "        NAME (the first such command, a --stats \"commands\" key: FTPGET, FTPRECV, FTPGET?,\n"
    "        MIPCALL, AT) or NAME#K (the Kth of them, e.g. reboot@FTPGET#2)\n"
    "  FTP exchange: an AT+FTP... set/exec command other than FTPINFO, FTPMODE, FTPREST, FTPCLOSE\n"
    "        (so every FTPRECV and FTPPUT chunk is one)\n"
    "  KIND:\n"
    "    drop          the server drops the session before the command: +FTPCLOSE: 1, then the\n"
    "                  command runs without a session (ERROR; FTPRECV gets 0 bytes); nothing\n"
    "                  when no session is open\n"
    "    bearer-lost[:MS]  before the command: +FTPCLOSE: 1 (if a session is open), +MIPCALL: 0;\n"
    "                  for MS ms (default 0) the network refuses a new bearer (+CME ERROR: 30)\n"
    "                  and +CREG?/+CEREG? answer 0,2; then the command runs\n"
    "    reboot[:MS]   the command is lost, the module is silent for MS ms (default 1000; host\n"
    "                  bytes meanwhile are lost), then RDY, +CPIN: READY, +CFUN: 1; all state is\n"
    "                  gone: echo on, CMEE 0, no bearer, no session\n"
    "    vanish[:MS]   the command is lost, the pty closes and the link symlink is removed; after\n"
    "                  MS ms (default 1000) a new pty appears at the same link; modem state is\n"
    "                  kept (a USB glitch; add reboot@ for a power loss)\n"
    "    error         the command answers ERROR and does nothing\n"
    "    cme[:CODE]    the command answers +CME ERROR: CODE (default 2023; ERROR under CMEE 0)\n"
    "    stall         the server never answers: a command with a result URC gets OK and\n"
    "                  nothing more, any other gets no answer at all; after a stalled FTP\n"
    "                  command every FTP command answers ERROR until AT+FTPCLOSE (OK,\n"
    "                  +FTPCLOSE: 1)\n"
    "  Transfer drops: FTPRECV delivers bytes up to N, then OK, +FTPCLOSE: 1; FTPRETR ends its\n"
    "  stream after byte N with ETX, +FTPRETR: 0, +FTPCLOSE: 1; the FTPPUT chunk holding byte N\n"
    "  answers +FTPCLOSE: 1, ERROR; FTPSTOR sends +FTPCLOSE: 1 at once, discards the rest of\n"
    "  the stream and answers +FTPSTOR: 0 at its ETX.\n";

}  // namespace mfs::sim
