// The PromQL function table (Prometheus 2.42, promql/parser/functions.go).
#include "generator/promql/functions.h"

#include <algorithm>

namespace symptree::promql {

namespace {

constexpr ValueType S = ValueType::Scalar;
constexpr ValueType V = ValueType::Vector;
constexpr ValueType M = ValueType::Matrix;
constexpr ValueType T = ValueType::String;

// Sorted by name for binary search.
std::vector<Function> make_table() {
  using L = LabelEffect;
  std::vector<Function> t = {
      {"abs", {V}, 0, V, L::DropName, 0},
      {"absent", {V}, 0, V, L::Absent, -1},
      {"absent_over_time", {M}, 0, V, L::Absent, -1},
      {"acos", {V}, 0, V, L::DropName, 0},
      {"acosh", {V}, 0, V, L::DropName, 0},
      {"asin", {V}, 0, V, L::DropName, 0},
      {"asinh", {V}, 0, V, L::DropName, 0},
      {"atan", {V}, 0, V, L::DropName, 0},
      {"atanh", {V}, 0, V, L::DropName, 0},
      {"avg_over_time", {M}, 0, V, L::DropName, 0},
      {"ceil", {V}, 0, V, L::DropName, 0},
      {"changes", {M}, 0, V, L::DropName, 0},
      {"clamp", {V, S, S}, 0, V, L::DropName, 0},
      {"clamp_max", {V, S}, 0, V, L::DropName, 0},
      {"clamp_min", {V, S}, 0, V, L::DropName, 0},
      {"cos", {V}, 0, V, L::DropName, 0},
      {"cosh", {V}, 0, V, L::DropName, 0},
      {"count_over_time", {M}, 0, V, L::DropName, 0},
      {"day_of_month", {V}, 1, V, L::DropName, 0},
      {"day_of_week", {V}, 1, V, L::DropName, 0},
      {"day_of_year", {V}, 1, V, L::DropName, 0},
      {"days_in_month", {V}, 1, V, L::DropName, 0},
      {"deg", {V}, 0, V, L::DropName, 0},
      {"delta", {M}, 0, V, L::DropName, 0},
      {"deriv", {M}, 0, V, L::DropName, 0},
      {"exp", {V}, 0, V, L::DropName, 0},
      {"floor", {V}, 0, V, L::DropName, 0},
      {"histogram_count", {V}, 0, V, L::DropName, 0},
      {"histogram_fraction", {S, S, V}, 0, V, L::DropName, 2},
      {"histogram_quantile", {S, V}, 0, V, L::DropLe, 1},
      {"histogram_sum", {V}, 0, V, L::DropName, 0},
      {"holt_winters", {M, S, S}, 0, V, L::DropName, 0},
      {"hour", {V}, 1, V, L::DropName, 0},
      {"idelta", {M}, 0, V, L::DropName, 0},
      {"increase", {M}, 0, V, L::DropName, 0},
      {"irate", {M}, 0, V, L::DropName, 0},
      {"label_join", {V, T, T, T}, -1, V, L::Replace, 0},
      {"label_replace", {V, T, T, T, T}, 0, V, L::Replace, 0},
      {"last_over_time", {M}, 0, V, L::KeepAll, 0},
      {"ln", {V}, 0, V, L::DropName, 0},
      {"log10", {V}, 0, V, L::DropName, 0},
      {"log2", {V}, 0, V, L::DropName, 0},
      {"max_over_time", {M}, 0, V, L::DropName, 0},
      {"min_over_time", {M}, 0, V, L::DropName, 0},
      {"minute", {V}, 1, V, L::DropName, 0},
      {"month", {V}, 1, V, L::DropName, 0},
      {"pi", {}, 0, S, L::NoLabels, -1},
      {"predict_linear", {M, S}, 0, V, L::DropName, 0},
      {"present_over_time", {M}, 0, V, L::DropName, 0},
      {"quantile_over_time", {S, M}, 0, V, L::DropName, 1},
      {"rad", {V}, 0, V, L::DropName, 0},
      {"rate", {M}, 0, V, L::DropName, 0},
      {"resets", {M}, 0, V, L::DropName, 0},
      {"round", {V, S}, 1, V, L::DropName, 0},
      {"scalar", {V}, 0, S, L::NoLabels, -1},
      {"sgn", {V}, 0, V, L::DropName, 0},
      {"sin", {V}, 0, V, L::DropName, 0},
      {"sinh", {V}, 0, V, L::DropName, 0},
      {"sort", {V}, 0, V, L::KeepAll, 0},
      {"sort_desc", {V}, 0, V, L::KeepAll, 0},
      {"sqrt", {V}, 0, V, L::DropName, 0},
      {"stddev_over_time", {M}, 0, V, L::DropName, 0},
      {"stdvar_over_time", {M}, 0, V, L::DropName, 0},
      {"sum_over_time", {M}, 0, V, L::DropName, 0},
      {"tan", {V}, 0, V, L::DropName, 0},
      {"tanh", {V}, 0, V, L::DropName, 0},
      {"time", {}, 0, S, L::NoLabels, -1},
      {"timestamp", {V}, 0, V, L::DropName, 0},
      {"vector", {S}, 0, V, L::NoLabels, -1},
      {"year", {V}, 1, V, L::DropName, 0},
  };
  std::sort(t.begin(), t.end(), [](const Function& a, const Function& b) { return std::string(a.name) < b.name; });
  return t;
}

}  // namespace

const std::vector<Function>& all_functions() {
  static const std::vector<Function> table = make_table();
  return table;
}

const Function* find_function(const std::string& name) {
  const auto& table = all_functions();
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Function& f, const std::string& n) { return f.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

}  // namespace symptree::promql
