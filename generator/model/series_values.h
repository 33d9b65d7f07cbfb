// promtool's notation for the values of a test's input series
// ("0+60x20 _ stale 1x3", Prometheus 2.42's series description grammar): how
// many evaluation steps a string covers, or where and why promtool would
// refuse it. tests/tools/series_values.sh checks it against promtool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace symptree {

// Why a values string is refused: the byte offset of the bad item and a message.
struct SeriesValuesError {
  size_t offset = 0;
  std::string message;
};

// The steps `values` covers: 1 for each `_`, value and `stale`; N for `_xN`;
// N + 1 for `vxN` and `a+bxN` (`a-bxN`). nullopt (with `error` when given)
// when promtool would refuse the string. Counts saturate far above any test's
// length, so no input overflows.
std::optional<int64_t> count_series_steps(const std::string& values, SeriesValuesError* error = nullptr);

}  // namespace symptree
