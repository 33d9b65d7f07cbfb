// Atomic writes and staleness checks for the output directory.
#include "generator/emit/output_set.h"

#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cstdio>
#include <set>
#include <filesystem>
#include <fstream>
#include <optional>

#include "generator/emit/output_interrupt.h"
#include "generator/emit/regular_file.h"
#include "generator/emit/stale_staging.h"

namespace symptree {
namespace fs = std::filesystem;
namespace {

// The whole file in one string, read in place (no second copy of a large file).
bool read_file(const fs::path& path, std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  content.clear();
  std::error_code error;
  uintmax_t size = fs::file_size(path, error);
  if (!error) content.reserve(size);
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) content.append(chunk, static_cast<size_t>(in.gcount()));
  return !in.bad();
}

// The files of a folder its manifest says symptree wrote: those it lists and
// the manifest itself; none when it has no manifest.
std::set<std::string> owned_by_manifest(const std::optional<std::vector<std::string>>& listed) {
  if (!listed) return {};
  std::set<std::string> owned(listed->begin(), listed->end());
  owned.insert(kManifestName);
  return owned;
}

// Whether anything (a file, a folder, a link, even a dangling one) is at `path`.
bool present(const fs::path& path) {
  std::error_code error;
  return fs::exists(fs::symlink_status(path, error));
}

// Why write() refuses `dir`: the first few of `unowned`, and what to do.
std::string unowned_refusal(const std::string& dir, const std::vector<std::string>& unowned, bool has_manifest) {
  std::string named;
  for (size_t i = 0; i < unowned.size() && i < 3; ++i) named += (i ? ", " : "") + (fs::path(dir) / unowned[i]).string();
  if (unowned.size() > 3) named += " and " + std::to_string(unowned.size() - 3) + " more";
  return dir + " holds " + (unowned.size() == 1 ? "a file" : "files") + " that symptree did not write (" +
         (has_manifest ? "its manifest.json does not list " + std::string(unowned.size() == 1 ? "it" : "them")
                       : "there is no manifest.json") +
         ") and this compile would replace: " + named + ". Choose an empty or new folder (-o), or move or remove " +
         (unowned.size() == 1 ? "that file" : "those files") + " (nothing was written)";
}

// Whether `path` already holds exactly `content` (then it is not rewritten, so
// a change to one spec of a config repo touches only that spec's files).
// Compared a chunk at a time, read straight into one buffer: a large file is
// never all in memory twice.
bool unchanged_on_disk(const fs::path& path, const std::string& content) {
  int fd = open_regular_file(path.string());
  if (fd < 0) return false;
  struct stat info {};
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) == content.size();
  char chunk[65536];
  size_t at = 0;
  while (same && at < content.size()) {
    ssize_t got = ::read(fd, chunk, std::min(sizeof chunk, content.size() - at));
    if (got < 0 && errno == EINTR) continue;
    same = got > 0 && std::memcmp(content.data() + at, chunk, static_cast<size_t>(got)) == 0;
    if (same) at += static_cast<size_t>(got);
  }
  if (same) {  // nothing after it: the file did not grow since fstat
    ssize_t more;
    do more = ::read(fd, chunk, 1);
    while (more < 0 && errno == EINTR);
    same = more == 0;
  }
  ::close(fd);
  return same;
}

std::string write_one(const fs::path& target, const std::string& content) {
  std::error_code error;
  if (unchanged_on_disk(target, content)) return "";
  fs::create_directories(target.parent_path(), error);
  if (error) return "cannot create " + target.parent_path().string() + ": " + error.message();
  fs::path temporary = target;
  temporary += ".tmp-" + std::to_string(getpid());
  if (!write_whole_file(temporary.string(), content)) {
    std::string reason = std::strerror(errno);
    fs::remove(temporary, error);
    return "cannot write " + temporary.string() + ": " + reason;
  }
  fs::rename(temporary, target, error);
  if (error) {
    fs::remove(temporary, error);
    return "cannot replace " + target.string() + ": " + error.message();
  }
  return "";
}

// Moves a staged file into place; across filesystems (the output directory a
// mount point of its own), copies it through write_one.
std::string move_staged(const fs::path& staged, const fs::path& target) {
  std::error_code error;
  fs::rename(staged, target, error);
  if (!error) return "";
  if (error != std::errc::cross_device_link) return "cannot replace " + target.string() + ": " + error.message();
  std::string content;
  if (!read_file(staged, content)) return "cannot read " + staged.string();
  return write_one(target, content);
}

// What stat() says of a regular file: its size, mtime and inode; false when it
// is not one.
bool stat_regular(const fs::path& path, uintmax_t& size, int64_t& mtime_ns, uintmax_t& inode) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  size = static_cast<uintmax_t>(info.st_size);
  mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  inode = static_cast<uintmax_t>(info.st_ino);
  return true;
}

}  // namespace

bool OutputSet::stage_beside(const std::string& out_dir) {
  staging_ = StagingDir::beside(out_dir);
  return staging_ != nullptr;
}

OutputSet OutputSet::sibling() const {
  OutputSet set;
  set.staging_ = staging_;
  return set;
}

void OutputSet::add(const std::string& relative_path, std::string content) {
  if (staging_) {
    add_staged(relative_path, content);
    return;
  }
  staged_.erase(relative_path);
  files_[relative_path] = std::move(content);
}

void OutputSet::add_staged(const std::string& relative_path, const std::string& content) {
  StagedFile file;
  file.sha256 = sha256_hex(content);
  fs::path in_place = fs::path(staging_->out_dir()) / relative_path;
  // stat() first: a change after it shows in check_in_place().
  file.in_place = stat_regular(in_place, file.size, file.mtime_ns, file.inode) && file.size == content.size() &&
                  unchanged_on_disk(in_place, content);
  if (!file.in_place && !staging_->write(relative_path, content)) {
    staged_.erase(relative_path);
    files_[relative_path] = content;  // the staging folder is full or gone: held in memory instead
    return;
  }
  files_.erase(relative_path);
  staged_[relative_path] = std::move(file);
}

void OutputSet::merge(OutputSet&& other, const std::string& folder) {
  for (auto& [path, content] : other.files_) {
    staged_.erase(folder + path);
    files_[folder + path] = std::move(content);
  }
  for (auto& [path, file] : other.staged_) {
    if (folder.empty() && staging_ == other.staging_) {
      files_.erase(path);
      staged_[path] = std::move(file);
    } else {
      add(folder + path, other.content(path));  // moved under a folder, or staged elsewhere: copied
    }
  }
  for (auto& [path, marker] : other.rendered_elsewhere_) rendered_elsewhere_[folder + path] = std::move(marker);
  for (auto& [path, listed] : other.owned_with_) owned_with_[folder + path] = folder + listed;
}

void OutputSet::remove_under(const std::string& prefix) {
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = files_.erase(it);
  }
  for (auto it = staged_.lower_bound(prefix); it != staged_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    std::error_code error;
    if (!it->second.in_place) fs::remove(staging_->path(it->first), error);
    it = staged_.erase(it);
  }
}

bool OutputSet::contains(const std::string& relative_path) const {
  return files_.count(relative_path) || staged_.count(relative_path);
}

std::string OutputSet::content(const std::string& relative_path) const {
  if (auto it = files_.find(relative_path); it != files_.end()) return it->second;
  std::string content;
  auto it = staged_.find(relative_path);
  if (it == staged_.end()) return content;
  // A staged file is in the output directory once found in place or written there.
  if (it->second.in_place || !read_file(staging_->path(relative_path), content)) {
    read_file(fs::path(staging_->out_dir()) / relative_path, content);
  }
  return content;
}

std::map<std::string, std::string> OutputSet::hashes() const {
  std::map<std::string, std::string> hashes;
  for (const auto& [path, content] : files_) hashes[path] = sha256_hex(content);
  for (const auto& [path, file] : staged_) hashes[path] = file.sha256;
  return hashes;
}

void OutputSet::expect_rendered(const std::string& relative_path, std::string marker) {
  rendered_elsewhere_[relative_path] = std::move(marker);
}

void OutputSet::owned_with(const std::string& relative_path, const std::string& listed) {
  owned_with_[relative_path] = listed;
}

bool OutputSet::same_on_disk(const std::string& relative_path, const std::string& target) const {
  auto file = files_.find(relative_path);
  return unchanged_on_disk(target, file != files_.end() ? file->second : content(relative_path));
}

std::vector<std::string> OutputSet::unowned_files(const std::string& dir, const PreviousManifest& previous) const {
  return unowned_files(dir, owned_by_manifest(previous.files));
}

std::vector<std::string> OutputSet::unowned_files(const std::string& dir, std::set<std::string> owned) const {
  std::vector<std::string> unowned;
  if (!present(dir)) return unowned;
  for (const auto& [path, listed] : owned_with_) {
    if (owned.count(listed)) owned.insert(path);
  }
  auto replaced_unowned = [&](const std::string& path) {
    fs::path target = fs::path(dir) / path;
    return !owned.count(path) && present(target) && !same_on_disk(path, target.string());
  };
  for (const auto& [path, content] : files_) {
    if (replaced_unowned(path)) unowned.push_back(path);
  }
  for (const auto& [path, file] : staged_) {
    if (!file.in_place && replaced_unowned(path)) unowned.push_back(path);
  }
  for (const auto& [path, marker] : rendered_elsewhere_) {  // write() removes a copy without the marker
    std::string on_disk;
    if (!owned.count(path) && present(fs::path(dir) / path) &&
        (!read_file(fs::path(dir) / path, on_disk) || on_disk.find(marker) == std::string::npos)) {
      unowned.push_back(path);
    }
  }
  std::sort(unowned.begin(), unowned.end());
  return unowned;
}

std::string OutputSet::write(const std::string& dir) const { return write(dir, read_previous_manifest(dir)); }

std::string OutputSet::write(const std::string& dir, const PreviousManifest& previous) const {
  ReplacingOutputs replacing;  // an interrupt waits until every file is replaced
  if (replacing.interrupted()) return "interrupted (nothing was replaced)";
  if (!staged_.empty() && fs::path(dir).lexically_normal() != fs::path(staging_->out_dir()).lexically_normal()) {
    return "the outputs were staged for " + staging_->out_dir() + ", not " + dir + " (nothing was replaced)";
  }
  if (std::vector<std::string> unowned = unowned_files(dir, previous); !unowned.empty()) {
    return unowned_refusal(dir, unowned, previous.files.has_value());
  }
  // Every folder first: a path that cannot be a folder (a file in the way, no
  // permission) stops the compile before any file is replaced.
  std::set<fs::path> folders;
  for (const auto& [path, content] : files_) folders.insert((fs::path(dir) / path).parent_path());
  for (const auto& [path, file] : staged_) folders.insert((fs::path(dir) / path).parent_path());
  for (const fs::path& folder : folders) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) return "cannot create " + folder.string() + ": " + error.message() + " (nothing was replaced)";
    if (::access(folder.c_str(), W_OK) != 0) {
      return "cannot write in " + folder.string() + ": " + std::strerror(errno) + " (nothing was replaced)";
    }
  }
  if (std::string error = check_in_place(dir); !error.empty()) return error;
  if (std::string error = replace_files(dir, previous.listed_files()); !error.empty()) return error;
  remove_stale_staging_dirs(dir);
  return "";
}

std::string OutputSet::replace_files(const std::string& dir, const std::vector<std::string>& stale) const {
  // The manifest goes last: until it is replaced, the old one still describes the directory.
  for (const auto& [path, content] : files_) {
    if (path == kManifestName) continue;
    if (std::string error = write_one(fs::path(dir) / path, content); !error.empty()) return error;
  }
  if (std::string error = write_staged(dir); !error.empty()) return error;
  auto manifest = files_.find(kManifestName);
  if (manifest != files_.end()) {
    if (std::string error = write_one(fs::path(dir) / kManifestName, manifest->second); !error.empty()) return error;
  }
  auto staged_manifest = staged_.find(kManifestName);
  if (staged_manifest != staged_.end() && !staged_manifest->second.in_place) {
    std::string error = move_staged(staging_->path(kManifestName), fs::path(dir) / kManifestName);
    if (!error.empty()) return error;
  }
  for (const std::string& path : stale) {
    if (contains(path)) continue;
    std::error_code error;
    fs::remove(fs::path(dir) / path, error);
  }
  for (const auto& [path, marker] : rendered_elsewhere_) {
    std::string on_disk;
    std::error_code error;
    if (read_file(fs::path(dir) / path, on_disk) && on_disk.find(marker) == std::string::npos) {
      fs::remove(fs::path(dir) / path, error);
    }
  }
  return "";
}

std::string OutputSet::write_staged(const std::string& dir) const {
  for (const auto& [path, file] : staged_) {
    if (path == kManifestName || file.in_place) continue;
    if (std::string error = move_staged(staging_->path(path), fs::path(dir) / path); !error.empty()) return error;
  }
  return "";
}

std::string OutputSet::check_in_place(const std::string& dir) const {
  for (const auto& [path, file] : staged_) {
    if (!file.in_place && ::access(staging_->path(path).c_str(), F_OK) != 0) {
      return staging_->path(path) + " was removed while symptree compiled; compile again (nothing was replaced)";
    }
    if (!file.in_place) continue;
    StagedFile now;
    if (!stat_regular(fs::path(dir) / path, now.size, now.mtime_ns, now.inode) || now.size != file.size ||
        now.mtime_ns != file.mtime_ns || now.inode != file.inode) {
      return (fs::path(dir) / path).string() + " changed while symptree compiled; compile again (nothing was replaced)";
    }
  }
  return "";
}

std::vector<std::string> OutputSet::differences(const std::string& dir, bool report_unknown) const {
  std::vector<std::string> differ;
  if (report_unknown) differ = unknown_files(dir);
  auto compare = [&](const std::string& path, const std::string& expected) {
    std::string on_disk;
    if (!read_file(fs::path(dir) / path, on_disk)) differ.push_back(path + " (missing)");
    else if (on_disk != expected) differ.push_back(path + " (differs)");
  };
  for (const auto& [path, content] : files_) compare(path, content);
  for (const auto& [path, file] : staged_) compare(path, content(path));
  const PreviousManifest previous = read_previous_manifest(dir);
  for (const std::string& path : previous.listed_files()) {
    if (!contains(path) && fs::exists(fs::path(dir) / path)) differ.push_back(path + " (no longer generated)");
  }
  for (const auto& [path, marker] : rendered_elsewhere_) {
    std::string on_disk;
    if (read_file(fs::path(dir) / path, on_disk) && on_disk.find(marker) == std::string::npos) {
      differ.push_back(path + " (rendered from another source)");
    }
  }
  return differ;
}

std::vector<std::string> OutputSet::unknown_files(const std::string& dir) const {
  std::vector<std::string> unknown;
  const std::vector<std::string> previous = read_previous_manifest(dir).listed_files();
  const std::set<std::string> listed(previous.begin(), previous.end());  // reported as "no longer generated"
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code entry_error;  // a dangling link is reported, not the end of the walk
    if (!it->is_regular_file(entry_error) && !it->is_symlink(entry_error)) continue;
    std::string path = it->path().lexically_relative(dir).generic_string();
    if (!contains(path) && !rendered_elsewhere_.count(path) && !listed.count(path)) {
      unknown.push_back(path + " (not written by symptree: remove it)");
    }
  }
  std::sort(unknown.begin(), unknown.end());
  return unknown;
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

}  // namespace symptree
