// The command line: one table of our -o options drives fuse_opt, --help and the typed
// conversion into MountOptions; what is left (mountpoint, -f, -d, -s, libfuse's -o) goes to
// fuse_parse_cmdline and fuse_new, as libfuse's own helpers would do it.
#include "fusefs/options.hpp"

#include <fuse.h>
#include <fuse_lowlevel.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/util/log.hpp"
#include "fusefs/option_values.hpp"

namespace mfs::fusefs {
namespace {

// What fuse_opt collected, before any value is interpreted.
struct RawOptions {
  std::map<std::string, std::string, std::less<>> values;  // -o name=value ("" for flags)
  std::vector<std::string> positionals;
  std::string simulate_root;
  bool help = false;
  bool version = false;
};

enum Key { key_value = 1, key_flag, key_simulate, key_help, key_version, key_fuse_debug };

using Setter = std::string (*)(MountOptions&, const std::string& value);  // "" or the error

// Metavars and help are built once, at start-up: families and defaults come from the layers.
struct OptionSpec {
  std::string_view name;
  std::string metavar;  // empty: a flag
  std::string help;
  Setter set;
};

std::string bad_value(std::string_view name, const std::string& value) {
  return fmt::format("bad value for -o {}: '{}'", name, value);
}

template <class T>
std::string set_number(T& field, std::string_view name, const std::string& value, std::uint64_t lo,
                       std::uint64_t hi) {
  const auto number = parse_number(value);
  if (!number || *number < lo || *number > hi) return bad_value(name, value);
  field = static_cast<T>(*number);
  return {};
}

std::string set_size(std::uint64_t& field, std::string_view name, const std::string& value,
                     std::uint64_t lo, std::uint64_t hi) {
  const auto size = parse_size(value);
  if (!size || *size < lo || *size > hi) return bad_value(name, value);
  field = *size;
  return {};
}

std::string set_secret(std::string& field, std::string_view name, const std::string& file) {
  auto secret = read_secret_file(file);
  if (!secret) return fmt::format("cannot read -o {}={}: {}", name, file, secret.error().message());
  if (readable_by_others(file))
    log::get("fusefs")->warn("{} {} is readable by other users", name, file);
  field = std::move(secret).value();
  return {};
}

std::string set_seconds(std::chrono::seconds& field, std::string_view name, const std::string& v) {
  std::uint64_t seconds = 0;
  if (auto error = set_number(seconds, name, v, 0, 86400 * 365); !error.empty()) return error;
  field = std::chrono::seconds(seconds);
  return {};
}

constexpr std::uint64_t max_cache = 1ull << 50;
constexpr std::uint64_t min_block_size = 4096;
constexpr std::uint64_t max_block_size = 16 << 20;

// The modem families this build drives (core/dialect/families), and "auto" where allowed.
bool is_family(const std::string& v, bool auto_allowed) {
  return dialect::find_family(v) || (auto_allowed && v == dialect::automatic_family);
}

std::string family_names(std::string_view separator) {
  return dialect::join_families([](const dialect::Family& f) { return std::string(f.name); },
                                separator, separator);
}

// The family --simulate plays when neither sim_dialect= nor modem= names one.
const dialect::Family& simulated_by_default() { return dialect::families().front(); }

std::string bad_family(std::string_view name, const std::string& value, bool auto_allowed) {
  return fmt::format("{} (supported: {}{})", bad_value(name, value),
                     auto_allowed ? std::string(dialect::automatic_family) + ", " : "",
                     family_names(", "));
}

const OptionSpec specs[] = {
    {"host", "HOST", "FTP server, as the modem reaches it (required without --simulate)",
     [](MountOptions& o, const std::string& v) { o.host = v; return std::string(); }},
    {"port", "N", fmt::format("FTP control port ({})", dialect::FtpServer{}.port),
     [](MountOptions& o, const std::string& v) { return set_number(o.port, "port", v, 1, 65535); }},
    {"user", "NAME", fmt::format("FTP user ({})", dialect::FtpServer{}.user),
     [](MountOptions& o, const std::string& v) { o.user = v; return std::string(); }},
    {"passfile", "FILE", "file whose first line is the FTP password (preferred)",
     [](MountOptions& o, const std::string& v) { return set_secret(o.password, "passfile", v); }},
    {"password", "PASS", "FTP password; discouraged: briefly visible to ps, use passfile",
     [](MountOptions& o, const std::string& v) {
       log::get("fusefs")->warn("password= was visible to other users on the command line "
                                "until now; use passfile=");
       o.password = v;
       return std::string();
     }},
    {"apn", "APN", "access point name (the modem's default PDP context)",
     [](MountOptions& o, const std::string& v) { o.apn = v; return std::string(); }},
    {"apn_user", "NAME", "APN user name (none)",
     [](MountOptions& o, const std::string& v) { o.apn_user = v; return std::string(); }},
    {"apn_passfile", "FILE", "file whose first line is the APN password (none)",
     [](MountOptions& o, const std::string& v) {
       return set_secret(o.apn_password, "apn_passfile", v);
     }},
    {"modem", fmt::format("{}|{}", dialect::automatic_family, family_names("|")),
     fmt::format("modem family; {0} asks the module (ATI, AT+CGMM) ({0})",
                 dialect::automatic_family),
     [](MountOptions& o, const std::string& v) {
       if (!is_family(v, true)) return bad_family("modem", v, true);
       o.modem = v;
       return std::string();
     }},
    {"sim_dialect", family_names("|"),
     fmt::format("with --simulate: the simulated modem (modem=, else {})", simulated_by_default().name),
     [](MountOptions& o, const std::string& v) {
       if (!is_family(v, false)) return bad_family("sim_dialect", v, false);
       o.sim_dialect = v;
       return std::string();
     }},
    {"transfer", "auto|stream|chunked",
     "streams for long sequential transfers and chunks for the rest, or one always (auto)",
     [](MountOptions& o, const std::string& v) {
       if (v != "auto" && v != "stream" && v != "chunked") return bad_value("transfer", v);
       o.transfer = v;
       return std::string();
     }},
    {"baud", "N", fmt::format("serial line rate ({})", link::default_baud),
     [](MountOptions& o, const std::string& v) { return set_number(o.baud, "baud", v, 300, 4000000); }},
    {"crtscts", "", "RTS/CTS hardware flow control on the serial line (off)",
     [](MountOptions& o, const std::string&) { o.crtscts = true; return std::string(); }},
    {"dir_cache_ttl", "SECONDS",
     fmt::format("how long a directory listing is trusted ({})",
                 vfs::default_dir_cache_ttl.count()),
     [](MountOptions& o, const std::string& v) {
       return set_seconds(o.dir_cache_ttl, "dir_cache_ttl", v);
     }},
    {"cache_dir", "DIR", "spools and block cache (~/.cache/modemftpfs/<device+host hash>)",
     [](MountOptions& o, const std::string& v) {
       o.cache_dir = std::filesystem::absolute(v);
       return std::string();
     }},
    {"cache_size", "BYTES",
     fmt::format("on-disk block cache, K/M/G suffixes ({})",
                 format_size(vfs::default_disk_cache_bytes)),
     [](MountOptions& o, const std::string& v) {
       return set_size(o.cache_size, "cache_size", v, 0, max_cache);
     }},
    {"memory_cache", "BYTES",
     fmt::format("in-memory block cache, K/M/G suffixes ({})",
                 format_size(vfs::default_memory_cache_bytes)),
     [](MountOptions& o, const std::string& v) {
       return set_size(o.memory_cache, "memory_cache", v, 0, max_cache);
     }},
    {"block_size", "BYTES",
     fmt::format("block cache unit, {} to {} ({})", format_size(min_block_size),
                 format_size(max_block_size), format_size(vfs::default_block_size)),
     [](MountOptions& o, const std::string& v) {
       std::uint64_t size = 0;
       auto error = set_size(size, "block_size", v, min_block_size, max_block_size);
       o.block_size = static_cast<std::size_t>(size);
       return error;
     }},
    {"keepalive", "SECONDS",
     fmt::format("FTP NOOP after this long idle, 0 = never ({})",
                 session::default_keepalive_interval.count()),
     [](MountOptions& o, const std::string& v) { return set_seconds(o.keepalive, "keepalive", v); }},
    {"retries", "N",
     fmt::format("reconnect-and-retry tries per request after a link failure ({})",
                 session::default_retries),
     [](MountOptions& o, const std::string& v) { return set_number(o.retries, "retries", v, 0, 100); }},
    {"retry_backoff", "MS",
     fmt::format("pause before the first retry, doubled after each ({})",
                 session::default_retry_backoff.count()),
     [](MountOptions& o, const std::string& v) {
       std::uint64_t ms = 0;
       auto error = set_number(ms, "retry_backoff", v, 0, 600000);
       o.retry_backoff = std::chrono::milliseconds(ms);
       return error;
     }},
    {"timeout", "SECONDS",
     fmt::format("deadline of a request, plus 1 s per KB for transfers ({})",
                 session::default_request_timeout.count()),
     [](MountOptions& o, const std::string& v) {
       auto error = set_seconds(o.timeout, "timeout", v);
       if (error.empty() && o.timeout.count() == 0) return bad_value("timeout", v);
       return error;
     }},
    {"radio_poll", "SECONDS",
     fmt::format("read signal and registration this often while idle, 0 = never ({})",
                 session::default_radio_poll_interval.count()),
     [](MountOptions& o, const std::string& v) { return set_seconds(o.radio_poll, "radio_poll", v); }},
    {"secure", "",
     fmt::format("encrypted FTP session; fails on a modem other than a {} (off)",
                 dialect::secure_mode_families()),
     [](MountOptions& o, const std::string&) { o.secure = true; return std::string(); }},
    {"data_budget", "BYTES", "payload per month, K/M/G; then transfers fail with EDQUOT (none)",
     [](MountOptions& o, const std::string& v) {
       return set_size(o.data_budget, "data_budget", v, 1, max_cache);
     }},
    {"data_budget_day", "N", "day of the month (1-28) the data budget's month starts (1)",
     [](MountOptions& o, const std::string& v) {
       return set_number(o.data_budget_day, "data_budget_day", v, 1, 28);
     }},
    {"debug", "", "log AT traffic (trace) and every layer (debug); implies -f",
     [](MountOptions& o, const std::string&) { o.debug = true; return std::string(); }},
};

// The fuse_opt table, built from `specs` once ("host=", "crtscts"): fuse_opt keeps pointers
// to the template strings, so they live as long as the process.
std::vector<fuse_opt> build_fuse_opts() {
  static const std::vector<std::string> templates = [] {
    std::vector<std::string> names;
    for (const OptionSpec& spec : specs)
      names.push_back(std::string(spec.name) + (spec.metavar.empty() ? "" : "="));
    return names;
  }();
  std::vector<fuse_opt> opts;
  for (const std::string& templ : templates)
    opts.push_back(FUSE_OPT_KEY(templ.c_str(), templ.back() == '=' ? key_value : key_flag));
  // Mount options that /etc/fstab and mount(8) pass along but that mean nothing here.
  for (const char* ignored : {"auto", "noauto", "user", "users", "_netdev", "nofail", "defaults"})
    opts.push_back(FUSE_OPT_KEY(ignored, FUSE_OPT_KEY_DISCARD));
  opts.push_back(FUSE_OPT_KEY("--simulate ", key_simulate));
  opts.push_back(FUSE_OPT_KEY("--simulate=", key_simulate));
  opts.push_back(FUSE_OPT_KEY("-h", key_help));
  opts.push_back(FUSE_OPT_KEY("--help", key_help));
  opts.push_back(FUSE_OPT_KEY("-V", key_version));
  opts.push_back(FUSE_OPT_KEY("--version", key_version));
  opts.push_back(FUSE_OPT_KEY("-d", key_fuse_debug));
  opts.push_back(FUSE_OPT_END);
  return opts;
}

const std::vector<fuse_opt>& fuse_opts() {
  static const std::vector<fuse_opt> table = build_fuse_opts();
  return table;
}

int collect_unchecked(RawOptions& raw, std::string_view arg, int key) {
  switch (key) {
    case key_value: {
      const auto eq = arg.find('=');
      raw.values.insert_or_assign(std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)));
      return 0;
    }
    case key_flag: raw.values.insert_or_assign(std::string(arg), std::string()); return 0;
    case key_simulate:
      arg.remove_prefix(std::string_view("--simulate").size());
      if (!arg.empty() && arg.front() == '=') arg.remove_prefix(1);
      raw.simulate_root = arg;
      return 0;
    case key_help: raw.help = true; return 0;
    case key_version: raw.version = true; return 0;
    case key_fuse_debug: raw.values.insert_or_assign("debug", std::string()); return 1;  // libfuse's too
    case FUSE_OPT_KEY_NONOPT: raw.positionals.emplace_back(arg); return 0;
    default: return 1;  // libfuse's own options
  }
}

int collect(void* data, const char* arg, int key, fuse_args*) {
  try {
    return collect_unchecked(*static_cast<RawOptions*>(data), arg, key);
  } catch (...) {
    return -1;
  }
}

void print_help(const char* program) {
  std::printf("usage: %s [options] DEVICE MOUNTPOINT\n"
              "       %s --simulate DIR [options] MOUNTPOINT\n\n"
              "Mounts an FTP server reached through a cellular modem's built-in FTP client.\n"
              "DEVICE is the modem's AT port (e.g. /dev/ttyUSB2). --simulate serves DIR from\n"
              "the built-in modem simulator instead (user demo, password demo), as a %s\n"
              "or as the family -o sim_dialect= (else modem=) names.\n\n"
              "modemftpfs options (default in parentheses):\n",
              program, program,
              std::string(simulated_by_default().display_name).c_str());
  for (const OptionSpec& spec : specs) {
    const std::string left = std::string(spec.name) + (spec.metavar.empty() ? "" : "=") +
                             std::string(spec.metavar);
    std::printf("    -o %-24s %s\n", left.c_str(), spec.help.c_str());
  }
  std::printf("\n");
}

// Applies every -o value of ours to `options`; "" or the first error.
std::string apply_values(const RawOptions& raw, MountOptions& options) {
  if (raw.values.count("passfile") && raw.values.count("password"))
    return "use either -o passfile= or -o password=, not both";
  for (const OptionSpec& spec : specs) {
    const auto it = raw.values.find(spec.name);
    if (it == raw.values.end()) continue;
    if (auto error = spec.set(options, it->second); !error.empty()) return error;
  }
  return {};
}

std::string apply_positionals(const RawOptions& raw, MountOptions& options) {
  const std::size_t wanted = raw.simulate_root.empty() ? 2 : 1;
  if (raw.positionals.size() != wanted) {
    return raw.simulate_root.empty() ? "expected DEVICE and MOUNTPOINT (see --help)"
                                     : "expected --simulate DIR and MOUNTPOINT (see --help)";
  }
  if (raw.simulate_root.empty()) {
    options.device = std::filesystem::absolute(raw.positionals.front()).string();
  } else {
    options.simulate_root = std::filesystem::absolute(raw.simulate_root);
    std::error_code ignored;
    if (!std::filesystem::is_directory(options.simulate_root, ignored))
      return "--simulate " + raw.simulate_root + ": not a directory";
  }
  options.mountpoint = raw.positionals.back();
  return {};
}

// Defaults that depend on other options: the simulator's login, the cache directory.
std::string finalize(const RawOptions& raw, MountOptions& options) {
  if (options.simulated()) {
    if (options.sim_dialect.empty())
      options.sim_dialect = options.modem == dialect::automatic_family
                                ? std::string(simulated_by_default().name)
                                : options.modem;
    if (options.host.empty()) options.host = "127.0.0.1";
    if (!raw.values.count("user")) options.user = "demo";
    if (!raw.values.count("user") && options.password.empty()) options.password = "demo";
  } else if (options.host.empty()) {
    return "-o host= is required (the FTP server, as the modem reaches it)";
  } else if (!options.sim_dialect.empty()) {
    return "-o sim_dialect= only applies with --simulate";
  }
  if (options.cache_dir.empty()) {
    const std::string where =
        options.simulated() ? "simulate:" + options.simulate_root.string() : options.device;
    options.cache_dir = default_cache_dir(
        fmt::format("{}\n{}:{}\n{}", where, options.host, options.port, options.user));
  }
  if (options.debug) options.foreground = true;
  return {};
}

// The arguments left for libfuse: the mountpoint (for fuse_parse_cmdline), our file system's
// name in /proc/mounts (the DEVICE, so `mount -a` recognises an fstab line as mounted).
bool parse_fuse_cmdline(MountOptions& options, fuse_args* args) {
  std::string fsname = options.simulated() ? "modemftpfs-simulated" : options.device;
  for (std::size_t at = 0; (at = fsname.find_first_of(",\\", at)) != std::string::npos; at += 2)
    fsname.insert(at, 1, '\\');
  fuse_cmdline_opts cmdline{};
  if (fuse_opt_add_arg(args, ("-ofsname=" + fsname).c_str()) != 0 ||
      fuse_opt_add_arg(args, "-osubtype=modemftpfs") != 0 ||
      fuse_opt_add_arg(args, options.mountpoint.c_str()) != 0 ||
      fuse_parse_cmdline(args, &cmdline) != 0) {
    return false;
  }
  options.mountpoint = cmdline.mountpoint;
  std::free(cmdline.mountpoint);
  options.foreground = options.foreground || cmdline.foreground;
  options.single_thread = cmdline.singlethread;
  options.clone_fd = cmdline.clone_fd;
  options.max_idle_threads = cmdline.max_idle_threads;
  options.max_threads = cmdline.max_threads;
  return true;
}

std::optional<int> handle_info_requests(const RawOptions& raw, const char* program, fuse_args* args) {
  if (raw.help) {
    print_help(program);
    std::printf("FUSE options:\n");
    fuse_cmdline_help();
    fuse_lib_help(args);
    return 0;
  }
  if (raw.version) {
    std::printf("modemftpfs version %s\nFUSE library version %s\n", MFS_VERSION, fuse_pkgversion());
    fuse_lowlevel_version();
    return 0;
  }
  return std::nullopt;
}

std::optional<int> fail(const std::string& message) {
  std::fprintf(stderr, "modemftpfs: %s\n", message.c_str());
  return 1;
}

}  // namespace

FuseArgs::FuseArgs(FuseArgs&& other) noexcept : args_(std::exchange(other.args_, FUSE_ARGS_INIT(0, nullptr))) {}

FuseArgs& FuseArgs::operator=(FuseArgs&& other) noexcept {
  if (this != &other) {
    fuse_opt_free_args(&args_);
    args_ = std::exchange(other.args_, FUSE_ARGS_INIT(0, nullptr));
  }
  return *this;
}

FuseArgs::~FuseArgs() { fuse_opt_free_args(&args_); }

CommandLine parse_options(int argc, char* argv[]) {
  CommandLine line;
  fuse_args* args = line.fuse_args.get();
  for (int i = 0; i < argc; ++i) {
    if (fuse_opt_add_arg(args, argv[i]) != 0) {
      line.exit_now = fail("out of memory");
      return line;
    }
  }
  scrub_password(argc, argv);
  RawOptions raw;
  if (fuse_opt_parse(args, &raw, fuse_opts().data(), collect) != 0) {
    line.exit_now = 1;  // libfuse has said why
    return line;
  }
  if ((line.exit_now = handle_info_requests(raw, argv[0], args))) return line;
  for (auto step : {apply_positionals, apply_values, finalize}) {
    if (auto error = step(raw, line.options); !error.empty()) {
      line.exit_now = fail(error);
      return line;
    }
  }
  if (!parse_fuse_cmdline(line.options, args)) line.exit_now = 1;
  return line;
}

}  // namespace mfs::fusefs
