// The files a compile produces, held until every one is rendered, then written
// atomically, or compared with what is on disk (compile --check). They are held
// in memory, or (stage_beside) streamed to a staging directory as they come.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "generator/emit/previous_manifest.h"
#include "generator/emit/staging_dir.h"

namespace symptree {

// Relative path -> content, for one output directory.
class OutputSet {
 public:
  // From now on, add() writes each file's content to a staging directory
  // beside `out_dir` (or, when the file there already holds it, nothing) and
  // keeps only its hash; write(out_dir) then renames the staged files into
  // place. False, the files staying in memory, when no staging directory can
  // be made there (e.g. out_dir's parent does not exist yet).
  bool stage_beside(const std::string& out_dir);
  void add(const std::string& relative_path, std::string content);
  // An empty set that keeps its files where this one does, for files rendered
  // on another thread and merged in later.
  OutputSet sibling() const;
  // Moves in every file of `other` (rendered elsewhere, e.g. on another thread),
  // each path under `folder` ("" or a relative folder ending in '/').
  void merge(OutputSet&& other, const std::string& folder = "");
  // Removes the files whose path starts with `prefix`.
  void remove_under(const std::string& prefix);
  // The files held in memory: all of them unless they are staged.
  const std::map<std::string, std::string>& files() const { return files_; }
  bool contains(const std::string& relative_path) const;
  // A file's content, from memory or disk (the staging directory, or the
  // output directory after write()); "" when there is no such file.
  std::string content(const std::string& relative_path) const;
  // Every file's sha256, by path.
  std::map<std::string, std::string> hashes() const;
  // A file this compile could not render (docs/flowchart.svg without Graphviz):
  // a copy on disk is current when it contains `marker`; write() removes a
  // copy without it, and differences() reports one.
  void expect_rendered(const std::string& relative_path, std::string marker);

  // A file the manifest does not list (docs/flowchart.svg, rendered after
  // it): a copy in the output directory is symptree's when the previous
  // manifest there lists `listed` (docs/flowchart.dot).
  void owned_with(const std::string& relative_path, const std::string& listed);
  // The files write(dir, previous) would replace or remove that symptree did
  // not write there: present, not listed in `previous` (dir's manifest) nor
  // owned_with a listed file, and unlike this set's content.
  std::vector<std::string> unowned_files(const std::string& dir, const PreviousManifest& previous) const;

  // Writes every file under `dir` (each via a temporary or staged file and
  // rename), and removes files that an earlier compile wrote (listed in
  // `previous`, dir's manifest) but this one did not. Refuses, writing
  // nothing, when there are unowned_files(dir, previous). Then removes the staging folders dead compiles left
  // beside `dir` (emit/stale_staging.h). Returns "" or an error naming the
  // path. An interrupt (emit/output_interrupt.h) waits for it to end.
  std::string write(const std::string& dir, const PreviousManifest& previous) const;
  // The same, reading dir's manifest first.
  std::string write(const std::string& dir) const;
  // Paths under `dir` that differ from this set: changed, missing, or stale
  // (listed in the old manifest but no longer produced). With
  // `report_unknown`, also every other file under `dir` (a config repo's tree
  // holds only what symptree writes: a stray rules file would be loaded).
  std::vector<std::string> differences(const std::string& dir, bool report_unknown = false) const;

 private:
  // A file add() streamed to the staging directory, or found already in
  // place in the output directory (then `in_place` with what stat() said of it).
  struct StagedFile {
    std::string sha256;
    bool in_place = false;
    uintmax_t size = 0;
    int64_t mtime_ns = 0;
    uintmax_t inode = 0;
  };

  std::vector<std::string> unknown_files(const std::string& dir) const;
  // The files write(dir) would replace that symptree did not write there.
  // `owned`: the files of dir's previous manifest (and itself).
  std::vector<std::string> unowned_files(const std::string& dir, std::set<std::string> owned) const;
  // Writes the files, then removes those of `stale` (the previous manifest's) no longer produced.
  std::string replace_files(const std::string& dir, const std::vector<std::string>& stale) const;
  std::string write_staged(const std::string& dir) const;
  // "" when every file found in place at add() is still as it was, and every
  // staged file is still in the staging folder.
  std::string check_in_place(const std::string& dir) const;
  // Whether the file at `target` holds what this set has at `relative_path`.
  bool same_on_disk(const std::string& relative_path, const std::string& target) const;
  void add_staged(const std::string& relative_path, const std::string& content);

  std::map<std::string, std::string> files_;
  std::map<std::string, std::string> rendered_elsewhere_;  // path -> marker
  std::map<std::string, std::string> owned_with_;          // path -> the listed path it goes with
  std::shared_ptr<StagingDir> staging_;
  std::map<std::string, StagedFile> staged_;
};

// sha256 as lowercase hex.
std::string sha256_hex(const std::string& data);

}  // namespace symptree
