// What the manifest.json of an earlier compile says about its output folder:
// which files symptree wrote there and whose outputs they are. Read once per
// compile (for 10,000 branches it is megabytes), and on a thread of its own
// while the spec compiles (main.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace symptree {

// Name of the manifest inside the output directory.
constexpr const char* kManifestName = "manifest.json";

// The parts of a previous manifest a compile needs; all empty when the folder
// has none (or it is not a JSON object).
struct PreviousManifest {
  // The files it lists (paths that could leave the folder dropped); nullopt
  // when there is no manifest with a file list.
  std::optional<std::vector<std::string>> files;
  // The service whose outputs the folder holds; "" when none (or a manifest
  // written before manifests named the service).
  std::string service;
  // A config repo's services (a manifest with a "services" list), in order.
  std::vector<std::string> repository_services;
  // The spec file name of each of those services that names one (service -> spec).
  std::map<std::string, std::string> repository_specs;

  // The listed files, or none.
  const std::vector<std::string>& listed_files() const;
};

// Reads `dir`/manifest.json (the parts above; the rest, e.g. the alerts, is
// read past, not kept).
PreviousManifest read_previous_manifest(const std::string& dir);

}  // namespace symptree
