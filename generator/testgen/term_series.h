// The input series that give a derivable term (promql/test_shape.h) a chosen
// value once its range window is full, written in promtool's notation, and a
// float64 evaluation of the term over those series as Prometheus 2.42
// computes it (rate's extrapolation, irate, deriv's regression, promtool's
// repeated addition in `a+bxN`), so that each derived case is checked to make
// its condition hold or not before it is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generator/promql/decimal.h"
#include "generator/promql/test_shape.h"

namespace symptree {

// A series' float64 values at times 0, interval, 2*interval, ..., and how many
// counter resets (a value below the one before) come up to each, so a range
// function over a window without one skips the reset scan: a window's value
// costs the same however long the window.
class SampledSeries {
 public:
  SampledSeries() = default;
  explicit SampledSeries(std::vector<double> values);
  bool empty() const { return values_.empty(); }
  int size() const { return static_cast<int>(values_.size()); }
  double operator[](int i) const { return values_[static_cast<size_t>(i)]; }
  // Whether a sample in (first, last] is below the one before it.
  bool resets_within(int first, int last) const { return resets_through_[last] != resets_through_[first]; }

 private:
  std::vector<double> values_;
  std::vector<int> resets_through_;  // [i]: resets at samples 1..i
};

// `start+step x N`: a constant (step 0) or a line.
struct SeriesForm {
  std::string start = "0";
  std::string step = "0";
  bool missing = false;  // no samples at all (absent())

  std::string notation(int samples) const;  // "0+30x12", or "_x12" when missing
  // The sample values at times 0, interval, 2*interval, ... as promtool expands them.
  SampledSeries expand(int samples) const;
};

// The series that gives `term` the value `target` (the numerator's, for a ratio),
// with tests evaluated every `interval_ms`; nullopt when no series can (a
// negative rate of a counter).
std::optional<SeriesForm> series_for_term(const promql::Term& term, const Decimal& target, int64_t interval_ms);

// The divisor series of a ratio: value 1, or a counter rising 1 per interval.
SeriesForm divisor_series(const promql::Term& term);

// The term's value at sample index `at` (time at * interval), or nullopt when
// Prometheus gives no result (fewer than two samples in a window, a missing
// series). `divisor` is used for ratios only.
std::optional<double> term_value(const promql::Term& term, const SampledSeries& series,
                                 const SampledSeries& divisor, int at, int64_t interval_ms);

// Whether `value OP threshold` holds in float64, as PromQL compares.
bool compare_value(double value, const std::string& op, double threshold);

}  // namespace symptree
