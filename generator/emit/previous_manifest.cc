// Reading the manifest an earlier compile left in its output folder.
#include "generator/emit/previous_manifest.h"

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "generator/emit/regular_file.h"

namespace symptree {
namespace {

// The whole of `path` when it is a regular file (a FIFO or device there is
// never opened, so a compile does not wait on one); false otherwise.
bool read_regular_file(const std::string& path, std::string& text) {
  int fd = open_regular_file(path);
  if (fd < 0) return false;
  text.clear();
  char chunk[65536];
  ssize_t got;
  while ((got = ::read(fd, chunk, sizeof chunk)) != 0) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    text.append(chunk, static_cast<size_t>(got));
  }
  ::close(fd);
  return got == 0;
}

// `dir`'s manifest with only the top-level entries a compile needs; null when
// there is none or it is not a JSON object.
nlohmann::json read_needed_entries(const std::string& dir) {
  std::string text;
  if (!read_regular_file((std::filesystem::path(dir) / kManifestName).string(), text)) return nullptr;
  nlohmann::json::parser_callback_t keep = [](int depth, nlohmann::json::parse_event_t event,
                                              nlohmann::json& parsed) {
    return depth != 1 || event != nlohmann::json::parse_event_t::key || parsed == "files" ||
           parsed == "service" || parsed == "services";
  };
  nlohmann::json manifest = nlohmann::json::parse(text, keep, false);
  return manifest.is_object() ? manifest : nullptr;
}

std::optional<std::vector<std::string>> listed_files(const nlohmann::json& manifest) {
  auto files = manifest.find("files");
  if (files == manifest.end() || !files->is_object()) return std::nullopt;
  std::vector<std::string> paths;
  for (const auto& [path, hash] : files->items()) {
    if (path.find("..") == std::string::npos && !path.empty() && path[0] != '/') paths.push_back(path);
  }
  return paths;
}

bool is_string_at(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string();
}

}  // namespace

const std::vector<std::string>& PreviousManifest::listed_files() const {
  static const std::vector<std::string> none;
  return files ? *files : none;
}

PreviousManifest read_previous_manifest(const std::string& dir) {
  PreviousManifest previous;
  nlohmann::json manifest = read_needed_entries(dir);
  if (!manifest.is_object()) return previous;
  previous.files = listed_files(manifest);
  if (is_string_at(manifest, "service")) previous.service = manifest["service"].get<std::string>();
  auto services = manifest.find("services");
  if (services == manifest.end() || !services->is_array()) return previous;
  for (const nlohmann::json& entry : *services) {
    if (!entry.is_object() || !is_string_at(entry, "service")) continue;
    std::string service = entry["service"].get<std::string>();
    previous.repository_services.push_back(service);
    if (is_string_at(entry, "spec")) previous.repository_specs[service] = entry["spec"].get<std::string>();
  }
  return previous;
}

}  // namespace symptree
