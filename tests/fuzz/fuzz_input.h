// What every harness does with one fuzz input: the options of an in-memory run
// (no promtool, no Graphviz, runbooks resolved next to the seeds) and the
// checks on what came out. A failed check aborts, which libFuzzer records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/check/checker.h"

namespace symptree::fuzz {

// The path errors name; runbooks.dir and merge files resolve beside it.
constexpr const char* kSpecPath = SYMPTREE_FUZZ_SPEC_DIR "/input.yaml";

// Never runs another program and never writes a file.
CheckOptions in_memory_options();

// The input as text.
inline std::string input_text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Aborts with `what` on stderr unless `ok`.
void require(bool ok, const std::string& what);

}  // namespace symptree::fuzz
