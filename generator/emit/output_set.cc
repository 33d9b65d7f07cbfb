// Atomic writes and staleness checks for the output directory.
#include "generator/emit/output_set.h"

#include <openssl/evp.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <cstdio>
#include <set>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace symptree {
namespace fs = std::filesystem;
namespace {

bool read_file(const fs::path& path, std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  content = buffer.str();
  return true;
}

// Files the previous compile recorded in its manifest.
std::vector<std::string> previous_outputs(const fs::path& dir) {
  std::string text;
  std::vector<std::string> paths;
  if (!read_file(dir / kManifestName, text)) return paths;
  nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  if (!manifest.is_object() || !manifest.contains("files") || !manifest["files"].is_object()) return paths;
  for (const auto& [path, hash] : manifest["files"].items()) {
    if (path.find("..") == std::string::npos && !path.empty() && path[0] != '/') paths.push_back(path);
  }
  return paths;
}

// Writes `content` to a new file in one system call per chunk the kernel takes.
bool write_all(const fs::path& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t written = ::write(fd, data, left);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
  return ::close(fd) == 0;
}

// Whether `path` already holds exactly `content` (then it is not rewritten, so
// a change to one spec of a config repo touches only that spec's files).
bool unchanged_on_disk(const fs::path& path, const std::string& content) {
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) != content.size() || error) return false;
  std::string on_disk;
  return read_file(path, on_disk) && on_disk == content;
}

std::string write_one(const fs::path& target, const std::string& content) {
  std::error_code error;
  if (unchanged_on_disk(target, content)) return "";
  fs::create_directories(target.parent_path(), error);
  if (error) return "cannot create " + target.parent_path().string() + ": " + error.message();
  fs::path temporary = target;
  temporary += ".tmp-" + std::to_string(getpid());
  if (!write_all(temporary, content)) {
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

}  // namespace

void OutputSet::add(const std::string& relative_path, std::string content) { files_[relative_path] = std::move(content); }

void OutputSet::merge(OutputSet&& other, const std::string& folder) {
  for (auto& [path, content] : other.files_) files_[folder + path] = std::move(content);
  for (auto& [path, marker] : other.rendered_elsewhere_) rendered_elsewhere_[folder + path] = std::move(marker);
}

void OutputSet::remove_under(const std::string& prefix) {
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
    it = files_.erase(it);
  }
}

void OutputSet::expect_rendered(const std::string& relative_path, std::string marker) {
  rendered_elsewhere_[relative_path] = std::move(marker);
}

std::string OutputSet::write(const std::string& dir) const {
  // Every folder first: a path that cannot be a folder (a file in the way, no
  // permission) stops the compile before any file is replaced.
  std::set<fs::path> folders;
  for (const auto& [path, content] : files_) folders.insert((fs::path(dir) / path).parent_path());
  for (const fs::path& folder : folders) {
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) return "cannot create " + folder.string() + ": " + error.message() + " (nothing was replaced)";
    if (::access(folder.c_str(), W_OK) != 0) {
      return "cannot write in " + folder.string() + ": " + std::strerror(errno) + " (nothing was replaced)";
    }
  }
  std::vector<std::string> stale = previous_outputs(dir);
  // The manifest goes last: until it is replaced, the old one still describes the directory.
  for (const auto& [path, content] : files_) {
    if (path == kManifestName) continue;
    if (std::string error = write_one(fs::path(dir) / path, content); !error.empty()) return error;
  }
  auto manifest = files_.find(kManifestName);
  if (manifest != files_.end()) {
    if (std::string error = write_one(fs::path(dir) / kManifestName, manifest->second); !error.empty()) return error;
  }
  for (const std::string& path : stale) {
    if (files_.count(path)) continue;
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

namespace {

nlohmann::json read_manifest(const std::string& dir) {
  std::string text;
  if (!read_file(fs::path(dir) / kManifestName, text)) return nullptr;
  nlohmann::json manifest = nlohmann::json::parse(text, nullptr, false);
  return manifest.is_object() ? manifest : nullptr;
}

}  // namespace

std::string manifest_service(const std::string& dir) {
  nlohmann::json manifest = read_manifest(dir);
  if (!manifest.is_object() || !manifest.contains("service") || !manifest["service"].is_string()) return "";
  return manifest["service"].get<std::string>();
}

std::vector<std::string> manifest_repository_services(const std::string& dir) {
  nlohmann::json manifest = read_manifest(dir);
  std::vector<std::string> services;
  if (!manifest.is_object() || !manifest.contains("services") || !manifest["services"].is_array()) return services;
  for (const nlohmann::json& entry : manifest["services"]) {
    if (entry.is_object() && entry.contains("service") && entry["service"].is_string()) {
      services.push_back(entry["service"].get<std::string>());
    }
  }
  return services;
}

std::map<std::string, std::string> manifest_repository_specs(const std::string& dir) {
  nlohmann::json manifest = read_manifest(dir);
  std::map<std::string, std::string> specs;
  if (!manifest.is_object() || !manifest.contains("services") || !manifest["services"].is_array()) return specs;
  for (const nlohmann::json& entry : manifest["services"]) {
    if (entry.is_object() && entry.value("service", nlohmann::json()).is_string() &&
        entry.value("spec", nlohmann::json()).is_string()) {
      specs[entry["service"].get<std::string>()] = entry["spec"].get<std::string>();
    }
  }
  return specs;
}

std::vector<std::string> OutputSet::differences(const std::string& dir, bool report_unknown) const {
  std::vector<std::string> differ;
  if (report_unknown) differ = unknown_files(dir);
  for (const auto& [path, content] : files_) {
    std::string on_disk;
    if (!read_file(fs::path(dir) / path, on_disk)) differ.push_back(path + " (missing)");
    else if (on_disk != content) differ.push_back(path + " (differs)");
  }
  for (const std::string& path : previous_outputs(dir)) {
    if (!files_.count(path) && fs::exists(fs::path(dir) / path)) differ.push_back(path + " (no longer generated)");
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
  const std::vector<std::string> previous = previous_outputs(dir);
  const std::set<std::string> listed(previous.begin(), previous.end());  // reported as "no longer generated"
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    std::error_code entry_error;  // a dangling link is reported, not the end of the walk
    if (!it->is_regular_file(entry_error) && !it->is_symlink(entry_error)) continue;
    std::string path = it->path().lexically_relative(dir).generic_string();
    if (!files_.count(path) && !rendered_elsewhere_.count(path) && !listed.count(path)) {
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
