// Shared pieces of the harnesses.
#include "tests/fuzz/fuzz_input.h"

#include <cstdio>
#include <cstdlib>

namespace symptree::fuzz {

CheckOptions in_memory_options() {
  CheckOptions options;
  options.spec_dir = SYMPTREE_FUZZ_SPEC_DIR;
  options.use_promtool = false;
  options.use_dot = false;
  return options;
}

void require(bool ok, const std::string& what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

}  // namespace symptree::fuzz
