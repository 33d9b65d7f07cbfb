// A spec's `include:`: shared files that many specs of a config repo read, so
// the Incident Priority Matrix, the receivers and the Alertmanager settings are
// written once. A shareable section comes from the spec or from one included
// file, never from both; errors in an included file name that file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/yaml_reader.h"

namespace symptree {

// The top-level sections an included file may hold.
const std::vector<std::string>& shareable_sections();

// The spec's included files, parsed, and which reader each shareable section
// is read from.
class SectionSources {
 public:
  // Reads `spec`'s `include:` (a path or a list of paths, relative to the
  // spec's folder); problems go to the spec's diagnostics. `spec` must outlive
  // this object.
  explicit SectionSources(const MapReader& spec);

  // The reader holding `section`: the first included file's that defines it,
  // else the spec's.
  const MapReader& reader_for(const std::string& section) const;
  // The included files' paths as opened (the spec's folder joined with the value).
  std::vector<std::string> included_paths() const;
  // Whether `section` is nowhere to be read and an included file could not be
  // read: the file's error says it all, "missing 'priorities'" would repeat it.
  bool lost_with_an_include(const std::string& section) const;

 private:
  struct Included {
    YamlFile file;
    std::unique_ptr<MapReader> reader;  // over `file`'s root; points into `file`
  };
  void include(const YamlNode& value);

  const MapReader& spec_;
  std::vector<std::unique_ptr<Included>> included_;  // unique_ptr: readers hold references to the files
  bool include_failed_ = false;
};

// The files a spec reads besides itself: those its `include:` names, then the
// Alertmanager merge files it and they name, each resolved against the folder
// of the file naming it. Read without checking the rest (to tell shared files
// from specs in a folder of specs); empty when the spec cannot be read.
std::vector<std::string> peek_shared_files(const std::string& spec_path);

}  // namespace symptree
