// Tests for generator/testgen/term_series: the series that give a derivable
// term a value, checked with the float64 evaluation Prometheus 2.42 does.
#include "generator/testgen/term_series.h"

#include <doctest/doctest.h>

using namespace symptree;
using namespace symptree::promql;

namespace {
const int64_t kMinute = 60000;

Term term_of(const std::string& text) {
  std::optional<TestShape> s = test_shape_of(text, false);
  REQUIRE_MESSAGE(s, text);
  return s->term;
}

// The term's value at sample `at` with the series derived for `target`.
std::optional<double> value_at(const std::string& text, const std::string& target, int at) {
  Term term = term_of(text);
  std::optional<SeriesForm> form = series_for_term(term, *Decimal::parse(target), kMinute);
  REQUIRE(form);
  SampledSeries divisor;
  if (term.divisor) divisor = divisor_series(term).expand(at + 1);
  return term_value(term, form->expand(at + 1), divisor, at, kMinute);
}
}  // namespace

TEST_CASE("a gauge holds its value, its notation is promtool's") {
  std::optional<SeriesForm> form = series_for_term(term_of("x > 5"), *Decimal::parse("5.5"), kMinute);
  REQUIRE(form);
  CHECK(form->notation(10) == "5.5+0x10");
  CHECK(*value_at("x > 5", "5.5", 3) == 5.5);
}

TEST_CASE("x - time() and time() - x are held at the target by a line rising one second a second") {
  std::optional<SeriesForm> form = series_for_term(term_of("x - time() < 604800"), *Decimal::parse("604799"), kMinute);
  CHECK(form->notation(3) == "604799+60x3");
  CHECK(*value_at("x - time() < 604800", "604799", 7) == 604799);
  std::optional<SeriesForm> back = series_for_term(term_of("time() - x > 60"), *Decimal::parse("61"), kMinute);
  CHECK(back->notation(3) == "-61+60x3");
  CHECK(*value_at("time() - x > 60", "61", 7) == 61);
}

TEST_CASE("rate: a counter rising target * interval a step, no result before two samples") {
  CHECK(series_for_term(term_of("rate(x[5m]) > 0.5"), *Decimal::parse("0.5"), kMinute)->notation(9) == "0+30x9");
  CHECK_FALSE(value_at("rate(x[5m]) > 0.5", "0.5", 0));
  CHECK(*value_at("rate(x[5m]) > 0.5", "0.5", 5) == 0.5);   // the window is full
  CHECK(*value_at("rate(x[5m]) > 0.5", "0.5", 9) == 0.5);
  CHECK(*value_at("rate(x[5m]) > 0.5", "0.5", 2) < 0.5);    // a partial window from 0 is not extrapolated
  CHECK_FALSE(series_for_term(term_of("rate(x[5m]) > 0"), *Decimal::parse("-1"), kMinute));  // counters do not fall
}

TEST_CASE("irate, increase, delta and deriv reach their target once the window is full") {
  CHECK(*value_at("irate(x[5m]) > 2", "2", 1) == 2);
  CHECK(*value_at("increase(x[10m]) > 50", "50", 10) == 50);
  CHECK(*value_at("delta(x[10m]) < -5", "-5", 12) == -5);
  CHECK(*value_at("deriv(x[15m]) > 2", "2", 15) == 2);
}

TEST_CASE("a counter reset inside the window is added back, one outside it is not") {
  SampledSeries counter({0, 10, 20, 5, 15, 25});  // reset at sample 3
  CHECK_FALSE(counter.resets_within(0, 2));
  CHECK(counter.resets_within(0, 3));
  CHECK(counter.resets_within(2, 5));
  CHECK_FALSE(counter.resets_within(3, 5));
  Term increase = term_of("increase(x[5m]) > 1");
  CHECK(*term_value(increase, counter, {}, 5, kMinute) == 45);  // 25 - 0, plus the 20 lost at the reset
  Term recent = term_of("increase(x[2m]) > 1");
  CHECK(*term_value(recent, counter, {}, 5, kMinute) == 20);  // samples 3..5: 25 - 5, no reset among them
  CHECK(*term_value(term_of("delta(x[5m]) > 1"), counter, {}, 5, kMinute) == 25);  // a gauge has no resets
}

TEST_CASE("a ratio: the divisor is 1, or rises 1 a step") {
  CHECK(*value_at("a / b > 0.9", "0.9", 2) == 0.9);
  CHECK(*value_at("rate(a[5m]) / rate(b[5m]) > 0.25", "0.25", 6) == 0.25);
}

TEST_CASE("offset reads an earlier evaluation's samples") {
  CHECK_FALSE(value_at("x OFFSET 2m > 1", "2", 1));
  CHECK(*value_at("x OFFSET 2m > 1", "2", 2) == 2);
}

TEST_CASE("comparisons are float64 comparisons") {
  CHECK(compare_value(0.96, ">", 0.95));
  CHECK_FALSE(compare_value(0.95, ">", 0.95));
  CHECK(compare_value(0.95, ">=", 0.95));
  CHECK(compare_value(1, "!=", 2));
}
