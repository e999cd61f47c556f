// result<T>: a value or a std::error_code. Every fallible core function returns one;
// exceptions never cross a layer (DESIGN.md, Errors). Swap for std::expected later.
#pragma once

#include <boost/outcome.hpp>
#include <system_error>

namespace mfs {

namespace outcome = boost::outcome_v2;

template <class T>
using result = outcome::std_result<T>;

// `return mfs::success();` from a result<void> function.
inline auto success() { return outcome::success(); }

}  // namespace mfs

// MFS_TRY(var, expr): declares `var` from a result or returns its error. It expands to
// several statements: brace it under an `if`.
#define MFS_TRY(...) BOOST_OUTCOME_TRY(__VA_ARGS__)
