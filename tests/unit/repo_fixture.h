// A config repo in a temporary folder for unit tests: specs made from the small
// spec (spec_fixture.h) under other service names, each including one shared
// paging.yaml with the small spec's priorities and receivers.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "generator/pipeline/repository.h"
#include "spec_fixture.h"
#include "temp_dir.h"

namespace symptree::testing {

// The small spec's priorities and receivers, as the shared file holds them.
inline const std::string kSharedPaging = R"(priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
  P2: {response: 4h, severity: warning, receiver: tickets}
receivers:
  pager: {pagerduty: {routing_key_file: /etc/am/pd}}
  tickets: {webhook: {url: "http://127.0.0.1:9095/"}}
)";

// The small spec as service `service` with alert prefix `prefix`, reading the shared file.
inline std::string repo_spec(const std::string& service, const std::string& prefix) {
  std::string text = small_spec();
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
  };
  replace("service: shop\nalert_prefix: Shop\n", "service: " + service + "\nalert_prefix: " + prefix + "\n");
  replace(kSharedPaging, "include: paging.yaml\n");
  return text;
}

class RepoDir {
 public:
  explicit RepoDir(const std::string& name) : dir_(name) { write("paging.yaml", kSharedPaging); }
  // With a spec per {service, alert prefix}, each as <service>.yaml.
  RepoDir(const std::string& name, const std::vector<std::pair<std::string, std::string>>& services) : RepoDir(name) {
    for (const auto& [service, prefix] : services) write(service + ".yaml", repo_spec(service, prefix));
  }
  void write(const std::string& file, const std::string& text) const { std::ofstream(dir_.path() / file) << text; }
  std::string path(const std::string& file = "") const { return (dir_.path() / file).lexically_normal().string(); }

  // The repo compiled; the test stops, showing the errors, when it does not compile.
  RepositoryCompilation compiled() const {
    Diagnostics diagnostics;
    std::optional<RepositoryCompilation> repository = compile(diagnostics);
    REQUIRE_MESSAGE(repository, diagnostics.format());
    return std::move(*repository);
  }
  // The errors of a repo that must not compile, formatted.
  std::string errors() const {
    Diagnostics diagnostics;
    CHECK_FALSE(compile(diagnostics));
    return diagnostics.format();
  }

  std::optional<RepositoryCompilation> compile(Diagnostics& diagnostics) const {
    CheckOptions options;
    options.use_promtool = false;
    options.use_dot = false;
    std::vector<std::string> specs = find_specs({dir_.path().string()}, diagnostics);
    if (diagnostics.has_errors()) return std::nullopt;
    return compile_repository(specs, options, diagnostics);
  }

 private:
  TempDir dir_;
};

}  // namespace symptree::testing
