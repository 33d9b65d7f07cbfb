// The files a compile produces, held in memory until every one is rendered, then
// written atomically, or compared with what is on disk (compile --check).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace symptree {

// Relative path -> content, for one output directory.
class OutputSet {
 public:
  void add(const std::string& relative_path, std::string content);
  // Moves in every file of `other` (rendered elsewhere, e.g. on another thread),
  // each path under `folder` ("" or a relative folder ending in '/').
  void merge(OutputSet&& other, const std::string& folder = "");
  // Removes the files whose path starts with `prefix`.
  void remove_under(const std::string& prefix);
  const std::map<std::string, std::string>& files() const { return files_; }
  // A file this compile could not render (docs/flowchart.svg without Graphviz):
  // a copy on disk is current when it contains `marker`; write() removes a
  // copy without it, and differences() reports one.
  void expect_rendered(const std::string& relative_path, std::string marker);

  // Writes every file under `dir` (each via a temporary file and rename), and
  // removes files that an earlier compile wrote (listed in its manifest) but
  // this one did not. Returns "" or an error naming the path.
  std::string write(const std::string& dir) const;
  // Paths under `dir` that differ from this set: changed, missing, or stale
  // (listed in the old manifest but no longer produced). With
  // `report_unknown`, also every other file under `dir` (a config repo's tree
  // holds only what symptree writes: a stray rules file would be loaded).
  std::vector<std::string> differences(const std::string& dir, bool report_unknown = false) const;

 private:
  std::vector<std::string> unknown_files(const std::string& dir) const;

  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> rendered_elsewhere_;  // path -> marker
};

// Name of the manifest inside the output directory.
constexpr const char* kManifestName = "manifest.json";

// The service whose outputs `dir` holds, from its manifest; "" when there is
// none (no manifest, or one written before manifests named the service).
std::string manifest_service(const std::string& dir);
// The services of a config repo whose outputs `dir` holds (a manifest with a
// "services" list); empty when `dir` holds none.
std::vector<std::string> manifest_repository_services(const std::string& dir);
// The spec file name of each of those services (service -> spec).
std::map<std::string, std::string> manifest_repository_specs(const std::string& dir);

// sha256 as lowercase hex.
std::string sha256_hex(const std::string& data);

}  // namespace symptree
