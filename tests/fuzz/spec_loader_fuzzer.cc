// libFuzzer harness of the spec loader alone (YAML, structure, references):
// the fastest way through the readers. Any input must end in a model or in
// errors, never a crash, a hang or a sanitizer report.
#include "generator/reader/spec_loader.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symptree;
  Diagnostics diagnostics;
  std::optional<Model> model = load_spec_text(fuzz::kSpecPath, fuzz::input_text(data, size), diagnostics);
  fuzz::require(model.has_value() != diagnostics.has_errors(), "a model together with errors, or neither");
  return 0;
}
