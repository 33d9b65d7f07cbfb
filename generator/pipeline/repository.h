// Compiling a config repo: many specs into one output tree. Each service's
// outputs go under <service>/ as a compile of that spec alone writes them,
// but for its Alertmanager files: alertmanager/ at the top serves every
// service under one routing tree. Beside it, exporter/<role>.yml for each
// group of hosts that runs the same services (from `deployment.hosts`),
// grafana/overview.json with every service's "where are we" row, and one
// manifest.json for the whole tree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "generator/model/service_set.h"
#include "generator/pipeline/compiler.h"

namespace symptree {

// Everything a compile of many specs produced, still in memory.
struct RepositoryCompilation {
  std::vector<Compilation> services;  // in the order of the specs
  std::vector<std::string> spec_paths;
  AmRoute routes;                     // the one routing tree
  OutputSet outputs;                  // the whole tree, paths relative to the output directory
  std::vector<std::string> notes;
};

// The specs that `arguments` name: a file is a spec; a folder holds specs, its
// *.yaml and *.yml files (not its subfolders'). A file that some spec includes
// is a shared file, not a spec. Sorted, each once; errors for an argument that
// does not exist or a folder without specs.
std::vector<std::string> find_specs(const std::vector<std::string>& arguments, Diagnostics& diagnostics);

// Each service's model and alert plan, pointing into `repository`.
std::vector<ServicePlan> service_plans(const RepositoryCompilation& repository);

// Whether `arguments` ask for a config repo compile (a folder, or more than one spec).
bool is_repository(const std::vector<std::string>& arguments);

// Compiles every spec (all errors of all specs in one run), then checks that
// they can share one tree (check/service_set_check) and renders it.
// `options.spec_dir` is set per spec.
std::optional<RepositoryCompilation> compile_repository(const std::vector<std::string>& spec_paths,
                                                        const CheckOptions& options, Diagnostics& diagnostics);

}  // namespace symptree
