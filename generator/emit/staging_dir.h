// A staging directory beside the output directory: a compile streams each
// output file there as soon as it is rendered (so the outputs are never all in
// memory), and OutputSet::write renames them into place once every one is
// rendered, so a spec error still writes nothing to the output directory.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

namespace symptree {

// A hidden folder in the output directory's parent
// (".<name>.staging-<pid>-<n>"), on the same filesystem as the outputs so that
// a rename moves a file in one step. Removed with whatever is left in it when
// the last owner lets it go, or by remove_all_live() when a signal ends the
// compile; a compile killed outright leaves it to the next one
// (emit/stale_staging.h).
class StagingDir {
 public:
  // Creates the folder beside `out_dir` (creating out_dir's parent folders is
  // left to write(): a compile that fails must not create them). nullptr when
  // that parent does not exist or cannot hold a new folder.
  static std::shared_ptr<StagingDir> beside(const std::string& out_dir);
  ~StagingDir();
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;

  // Writes `content` to `relative_path` inside, creating its folders; false
  // (with errno set) when it cannot, also once the folder was removed (never
  // made again). Safe to call from several threads for different paths.
  bool write(const std::string& relative_path, const std::string& content) const;
  std::string path(const std::string& relative_path) const { return root_ + "/" + relative_path; }
  // The output directory this stages for.
  const std::string& out_dir() const { return out_dir_; }

  // Removes every staging folder of this process that is still there; writes
  // to them fail from then on. For the thread that ends an interrupted
  // compile (emit/output_interrupt.h), not for a signal handler.
  static void remove_all_live();

 private:
  StagingDir(std::string root, int root_fd, std::string out_dir)
      : root_(std::move(root)), root_fd_(root_fd), out_dir_(std::move(out_dir)) {}
  std::string root_;
  int root_fd_;  // every write is made relative to it: see write()
  std::string out_dir_;
};

// Where the staging folders of output directory `out_dir` go (`parent`: the
// folder holding it) and the name they carry (`out_name`: its own); false for
// a directory with no name of its own (".", "..", "/").
bool staging_place(const std::string& out_dir, std::filesystem::path& parent, std::string& out_name);

// The pid in the name of a staging folder made beside an output directory
// named `out_name` (".<out_name>.staging-<pid>-<n>"); 0 when `name` is not one.
pid_t staging_dir_pid(const std::string& name, const std::string& out_name);

// Writes `content` to a new file at `path` (replacing one there), one system
// call per chunk the kernel takes; false with errno set on failure.
bool write_whole_file(const std::string& path, const std::string& content);

}  // namespace symptree
