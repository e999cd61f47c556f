// Pure parsers for the SIM7000's lines: tolerant of spacing and quoting, strict about numbers so
// a malformed line never passes for a result.
#include "core/dialect/sim7000_parse.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/dialect/l610_parse.hpp"

namespace mfs::dialect::sim7000 {

using l610::field_text;
using l610::split_fields;

namespace {

std::optional<int> to_int(std::string_view s) {
  int value = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<CnactState> parse_cnact(std::string_view line) {
  auto text = field_text(line, "+CNACT");
  if (!text || text->empty()) return std::nullopt;
  auto fields = split_fields(*text);
  if (fields.size() == 3) fields.erase(fields.begin());  // the seed's "<cid>,<status>,<ip>"
  if (fields.size() != 2) return std::nullopt;
  auto status = to_int(fields[0]);
  if (!status || (*status != 0 && *status != 1)) return std::nullopt;
  return CnactState{*status == 1, std::string(fields[1])};
}

std::optional<bool> parse_app_pdp(std::string_view line) {
  auto text = field_text(line, "+APP PDP");
  if (!text || text->empty()) return std::nullopt;
  const auto state = split_fields(*text).back();
  if (state == "ACTIVE") return true;
  if (state == "DEACTIVE") return false;
  return std::nullopt;
}

std::optional<ActionResult> parse_action_result(std::string_view line, std::string_view name) {
  auto text = field_text(line, name);
  if (!text || text->empty()) return std::nullopt;
  auto fields = split_fields(*text);
  if (fields.size() < 2 || fields.size() > 3 || to_int(fields[0]) != 1) return std::nullopt;
  auto code = to_int(fields[1]);
  if (!code || *code < 0) return std::nullopt;
  ActionResult result{*code, {}};
  if (fields.size() == 3) result.value = std::string(fields[2]);
  return result;
}

std::optional<std::chrono::system_clock::time_point> parse_mdtm(std::string_view stamp) {
  if (stamp.size() != 14 || !std::all_of(stamp.begin(), stamp.end(), [](char c) {
        return c >= '0' && c <= '9';
      }))
    return std::nullopt;
  auto part = [&](std::size_t at, std::size_t n) { return *to_int(stamp.substr(at, n)); };
  using namespace std::chrono;
  const year_month_day date{year(part(0, 4)), month(static_cast<unsigned>(part(4, 2))),
                            day(static_cast<unsigned>(part(6, 2)))};
  const int h = part(8, 2), m = part(10, 2), s = part(12, 2);
  if (!date.ok() || h > 23 || m > 59 || s > 60) return std::nullopt;
  return sys_days(date) + hours(h) + minutes(m) + seconds(s);
}

}  // namespace mfs::dialect::sim7000
