// `symptree-synthetic-spec BRANCHES [DEPTH]`: prints a synthetic spec (see
// synthetic_spec.h) for the shell benchmarks (bench/ci-cost, bench/rule-eval).
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/generator/synthetic_spec.h"

int main(int argc, char** argv) {
  int branches = argc > 1 ? std::atoi(argv[1]) : 0;
  int depth = argc > 2 ? std::atoi(argv[2]) : 1;
  if (argc < 2 || argc > 3 || branches < 1 || depth < 1 || depth > 16) {
    std::cerr << "usage: symptree-synthetic-spec BRANCHES [DEPTH]  (BRANCHES >= 1, DEPTH 1..16)\n";
    return 2;
  }
  std::cout << symptree::synthetic_spec(branches, depth);
  return 0;
}
