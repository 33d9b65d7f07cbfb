// libFuzzer harness of the whole compile (load, checks, alert and test plans,
// every emitter), in memory. Besides no crash, hang or sanitizer report: a
// refused spec has errors, and an accepted one gives outputs that are UTF-8,
// and YAML that parses back.
#include <yaml-cpp/yaml.h>

#include "common/utf8.h"
#include "generator/pipeline/compiler.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

bool is_yaml(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".yml") || ends_with(".yaml");
}

bool parses_as_yaml(const std::string& text) {
  try {
    YAML::Load(text);
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace symptree;
  Diagnostics diagnostics;
  std::optional<Compilation> compilation =
      compile_spec_text(fuzz::kSpecPath, fuzz::input_text(data, size), fuzz::in_memory_options(), diagnostics);
  if (!compilation) {
    fuzz::require(diagnostics.has_errors(), "refused without an error");
    return 0;
  }
  for (const auto& [path, content] : compilation->outputs.files()) {
    fuzz::require(!invalid_utf8_offset(content), path + " is not UTF-8");
    if (is_yaml(path)) fuzz::require(parses_as_yaml(content), path + " does not parse as YAML");
  }
  return 0;
}
