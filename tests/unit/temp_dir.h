// A temporary directory for one unit test, removed when the test ends (also
// when an assertion aborts it).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace symptree::testing {

class TempDir {
 public:
  // /tmp/symptree-<name>-<pid>, empty.
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("symptree-" + name + "-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace symptree::testing
