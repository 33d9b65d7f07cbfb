// A grammar-based generator of PromQL expressions with a fixed seed, and token
// mutations (drop, swap, duplicate) of any expression: the generated half of
// the differential test's corpus. Most generated expressions are valid; type
// errors, arity errors and odd spellings come in on purpose.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symptree::promql_test {

// A small deterministic generator (the same sequence on every platform).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }
  size_t below(size_t n) { return n ? next() % n : 0; }
  bool chance(int percent) { return below(100) < size_t(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  uint64_t state_;
};

std::vector<std::string> generate_expressions(size_t count, uint64_t seed);

// Up to `per_expression` mutations of each expression (one token dropped,
// swapped with the next, or duplicated), cut at the scanner's tokens.
std::vector<std::string> mutate(const std::vector<std::string>& expressions, size_t per_expression, uint64_t seed);

}  // namespace symptree::promql_test
