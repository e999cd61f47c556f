// The family table (families.hpp) and its look-ups.
#include "core/dialect/families.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/at/at_engine.hpp"
#include "core/dialect/l610.hpp"
#include "core/dialect/sim7000.hpp"

namespace mfs::dialect {
namespace {

template <class D>
std::unique_ptr<Dialect> make(at::AtEngine& engine) {
  return std::make_unique<D>(engine);
}

constexpr Family table[] = {
    {"l610", "Fibocom L610", "L610", true, make<L610>},
    {"sim7000", "SIMCom SIM7000", "SIM7000", false, make<Sim7000>},
};

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  const auto same = [](unsigned char a, unsigned char b) { return std::toupper(a) == std::toupper(b); };
  return std::search(text.begin(), text.end(), part.begin(), part.end(), same) != text.end();
}

std::string display_name(const Family& family) { return std::string(family.display_name); }

}  // namespace

std::span<const Family> families() { return table; }

const Family* find_family(std::string_view name) {
  for (const Family& family : table)
    if (family.name == name) return &family;
  return nullptr;
}

const Family* family_of_model(std::string_view answer_line) {
  for (const Family& family : table)
    if (contains_ignoring_case(answer_line, family.model_tag)) return &family;
  return nullptr;
}

std::string join_families(const std::function<std::string(const Family&)>& part,
                          std::string_view separator, std::string_view last_separator,
                          const std::function<bool(const Family&)>& keep) {
  std::vector<std::string> parts;
  for (const Family& family : table)
    if (!keep || keep(family)) parts.push_back(part(family));
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) joined += i + 1 == parts.size() ? last_separator : separator;
    joined += parts[i];
  }
  return joined;
}

std::string family_display_names(std::string_view conjunction) {
  return join_families(display_name, ", ", " " + std::string(conjunction) + " ");
}

std::string secure_mode_families() {
  return join_families(display_name, ", ", " and ",
                       [](const Family& f) { return f.has_secure_mode; });
}

std::string family_options() {
  return join_families([](const Family& f) { return "modem=" + std::string(f.name); }, ", ",
                       " or ");
}

}  // namespace mfs::dialect
