// Linear series for derivable terms and their float64 evaluation.
#include "generator/testgen/term_series.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace symptree {
namespace {

using promql::Term;
using promql::TermKind;

// d * n, exactly, by doubling.
Decimal times(Decimal d, int64_t n) {
  Decimal result = Decimal::from_int(0);
  for (; n > 0; n >>= 1) {
    if (n & 1) result = result + d;
    d = d + d;
  }
  return result;
}

// d * interval in seconds, exactly; nullopt beyond what a Decimal holds
// (`rate(x[5m]) > 9.99999999999999` needs 16 digits).
std::optional<Decimal> per_interval(const Decimal& d, int64_t interval_ms) {
  return Decimal::parse(times(d, interval_ms).to_string() + "e-3");
}

std::string shortest(double value) {
  char buffer[40];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

bool is_counter(TermKind kind) { return kind == TermKind::Rate || kind == TermKind::Irate || kind == TermKind::Increase; }

// Prometheus 2.42 extrapolatedRate over samples [first, last] of a window
// [at - range, at] (both ends included), every `interval_ms`, with its
// float64 operations in its order (times in ms, divided by 1000 as it does).
std::optional<double> extrapolated(const SampledSeries& v, int first, int last, int64_t range_ms,
                                   int64_t interval_ms, int64_t window_start_ms, bool counter, bool rate) {
  if (last - first < 1) return std::nullopt;
  double result = v[last] - v[first];
  if (counter && v.resets_within(first, last)) {
    for (int i = first + 1; i <= last; ++i) {
      if (v[i] < v[i - 1]) result += v[i - 1];
    }
  }
  double to_start = static_cast<double>(first * interval_ms - window_start_ms) / 1000;
  double to_end = 0;
  double sampled = static_cast<double>((last - first) * interval_ms) / 1000;
  double average = sampled / static_cast<double>(last - first);
  if (counter && result > 0 && v[first] >= 0) {
    double to_zero = sampled * (v[first] / result);
    if (to_zero < to_start) to_start = to_zero;
  }
  double threshold = average * 1.1;
  double extrapolate_to = sampled;
  extrapolate_to += to_start < threshold ? to_start : average / 2;
  extrapolate_to += to_end < threshold ? to_end : average / 2;
  double factor = extrapolate_to / sampled;
  if (rate) factor /= static_cast<double>(range_ms) / 1000;
  return result * factor;
}

// Neumaier's compensated sum, one step (Prometheus 2.42 kahanSumInc).
void compensated_add(double increment, double& sum, double& compensation) {
  double total = sum + increment;
  if (std::fabs(sum) >= std::fabs(increment)) {
    compensation += (sum - total) + increment;
  } else {
    compensation += (increment - total) + sum;
  }
  sum = total;
}

// Prometheus 2.42 linearRegression's slope, intercept at the first sample.
std::optional<double> regression_slope(const SampledSeries& v, int first, int last, int64_t interval_ms) {
  if (last - first < 1) return std::nullopt;
  double n = 0, sum_x = 0, c_x = 0, sum_y = 0, c_y = 0, sum_xy = 0, c_xy = 0, sum_x2 = 0, c_x2 = 0;
  bool constant = true;
  for (int i = first; i <= last; ++i) {
    if (i > first && v[i] != v[first]) constant = false;
    n += 1.0;
    double x = static_cast<double>((i - first) * interval_ms) / 1e3;
    compensated_add(x, sum_x, c_x);
    compensated_add(v[i], sum_y, c_y);
    compensated_add(x * v[i], sum_xy, c_xy);
    compensated_add(x * x, sum_x2, c_x2);
  }
  if (constant) return 0.0;
  sum_x += c_x;
  sum_y += c_y;
  sum_xy += c_xy;
  sum_x2 += c_x2;
  double cov = sum_xy - sum_x * sum_y / n;
  double var = sum_x2 - sum_x * sum_x / n;
  return cov / var;
}

std::optional<double> range_value(TermKind kind, int64_t range_ms, const SampledSeries& v, int at,
                                  int64_t interval_ms) {
  if (v.empty() || at >= v.size()) return std::nullopt;
  int64_t start_ms = at * interval_ms - range_ms;
  int first = start_ms <= 0 ? 0 : static_cast<int>((start_ms + interval_ms - 1) / interval_ms);
  switch (kind) {
    case TermKind::Rate: return extrapolated(v, first, at, range_ms, interval_ms, start_ms, true, true);
    case TermKind::Increase: return extrapolated(v, first, at, range_ms, interval_ms, start_ms, true, false);
    case TermKind::Delta: return extrapolated(v, first, at, range_ms, interval_ms, start_ms, false, false);
    case TermKind::Deriv: return regression_slope(v, first, at, interval_ms);
    case TermKind::Irate: {
      if (at - first < 1) return std::nullopt;
      double result = v[at] < v[at - 1] ? v[at] : v[at] - v[at - 1];
      return result / (static_cast<double>(interval_ms) / 1000);
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::string SeriesForm::notation(int samples) const {
  if (missing) return "_x" + std::to_string(samples);
  return start + (step.front() == '-' ? "" : "+") + step + "x" + std::to_string(samples);
}

SampledSeries::SampledSeries(std::vector<double> values) : values_(std::move(values)) {
  resets_through_.reserve(values_.size());
  int resets = 0;
  for (size_t i = 0; i < values_.size(); ++i) {
    if (i > 0 && values_[i] < values_[i - 1]) ++resets;
    resets_through_.push_back(resets);
  }
}

SampledSeries SeriesForm::expand(int samples) const {
  std::vector<double> values;
  if (missing) return SampledSeries(std::move(values));
  double value = std::strtod(start.c_str(), nullptr);
  double increment = std::strtod(step.c_str(), nullptr);
  values.reserve(static_cast<size_t>(samples) + 1);
  for (int i = 0; i <= samples; ++i) {
    values.push_back(value);
    value += increment;
  }
  return SampledSeries(std::move(values));
}

std::optional<SeriesForm> series_for_term(const Term& term, const Decimal& target, int64_t interval_ms) {
  Decimal zero = Decimal::from_int(0);
  TermKind kind = term.kind == TermKind::Ratio ? term.ratio_of : term.kind;
  if (is_counter(kind) && target < zero) return std::nullopt;
  if (kind == TermKind::Value) return SeriesForm{target.to_string(), "0", false};
  if (kind == TermKind::MinusTime || kind == TermKind::TimeMinus) {
    std::optional<Decimal> interval_s = per_interval(Decimal::from_int(1), interval_ms);
    // A selector read `offset o` back: the line is o seconds further along.
    std::optional<Decimal> offset_s = per_interval(Decimal::from_int(1), term.offset_ms);
    if (!interval_s || !offset_s) return std::nullopt;
    Decimal start = kind == TermKind::MinusTime ? target + *offset_s : *offset_s - target;
    return SeriesForm{start.to_string(), interval_s->to_string(), false};
  }
  if (term.kind == TermKind::Ratio) return SeriesForm{"0", target.to_string(), false};  // divisor rises 1 per interval
  if (kind == TermKind::Rate || kind == TermKind::Irate || kind == TermKind::Deriv) {
    std::optional<Decimal> step = per_interval(target, interval_ms);
    if (!step) return std::nullopt;
    return SeriesForm{"0", step->to_string(), false};
  }
  // increase and delta: the window's rise is `target`, spread over its intervals.
  double intervals = static_cast<double>(term.range_ms) / static_cast<double>(interval_ms);
  return SeriesForm{"0", shortest(std::strtod(target.to_string().c_str(), nullptr) / intervals), false};
}

SeriesForm divisor_series(const Term& term) {
  if (term.ratio_of == TermKind::Value) return SeriesForm{"1", "0", false};
  return SeriesForm{"0", "1", false};
}

std::optional<double> term_value(const Term& term, const SampledSeries& series, const SampledSeries& divisor,
                                 int at, int64_t interval_ms) {
  if (at < 0 || at >= series.size()) return std::nullopt;
  double time_s = static_cast<double>(at * interval_ms) / 1000.0;  // time() as Prometheus computes it: ms / 1000
  if (term.offset_ms % interval_ms != 0) return std::nullopt;
  at -= static_cast<int>(term.offset_ms / interval_ms);  // `offset`: the samples of an earlier evaluation
  if (at < 0) return std::nullopt;
  switch (term.kind) {
    case TermKind::Value: return series[at];
    case TermKind::MinusTime: return series[at] - time_s;
    case TermKind::TimeMinus: return time_s - series[at];
    case TermKind::Ratio: {
      std::optional<double> top, bottom;
      if (term.ratio_of == TermKind::Value) {
        top = series[at];
        if (at < divisor.size()) bottom = divisor[at];
      } else {
        top = range_value(term.ratio_of, term.range_ms, series, at, interval_ms);
        bottom = range_value(term.ratio_of, term.range_ms, divisor, at, interval_ms);
      }
      if (!top || !bottom) return std::nullopt;
      return *top / *bottom;
    }
    default: return range_value(term.kind, term.range_ms, series, at, interval_ms);
  }
}

bool compare_value(double value, const std::string& op, double threshold) {
  if (op == ">") return value > threshold;
  if (op == "<") return value < threshold;
  if (op == ">=") return value >= threshold;
  if (op == "<=") return value <= threshold;
  if (op == "==") return value == threshold;
  return value != threshold;
}

}  // namespace symptree
