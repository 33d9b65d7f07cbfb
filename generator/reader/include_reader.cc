// Reading a spec's `include:` and choosing, per shareable section, the file it
// comes from.
#include "generator/reader/include_reader.h"

#include <filesystem>

#include "common/join.h"

namespace symptree {
namespace {

// The file's entries as written: one path, or a list of them.
std::vector<YamlNode> include_entries(const YamlNode& value) {
  std::vector<YamlNode> entries;
  if (value.IsSequence()) {
    for (const YamlNode& item : value) entries.push_back(item);
  } else {
    entries.push_back(value);
  }
  return entries;
}

std::string resolved(const std::string& spec_path, const std::string& written) {
  return (std::filesystem::path(spec_path).parent_path() / written).lexically_normal().string();
}

}  // namespace

const std::vector<std::string>& shareable_sections() {
  static const std::vector<std::string> sections = {"priorities", "receivers", "alertmanager"};
  return sections;
}

namespace {

std::string section_list() { return join(shareable_sections(), ", "); }

}  // namespace

SectionSources::SectionSources(const MapReader& spec) : spec_(spec) {
  if (!spec.has("include")) return;
  YamlNode value = spec.get("include");
  if (!value.IsScalar() && !value.IsSequence()) {
    spec.diagnostics().error(spec.where("include"), "'include' must be a file or a list of files, got " +
                                                        describe_node_type(value),
                             "e.g. include: paging.yaml");
    return;
  }
  for (const YamlNode& entry : include_entries(value)) include(entry);
}

void SectionSources::include(const YamlNode& value) {
  Diagnostics& diagnostics = spec_.diagnostics();
  std::optional<std::string> written = read_scalar(spec_.file(), value, "an included file", diagnostics);
  if (!written) return;
  SourcePosition where = spec_.file().position(value);
  if (written->empty()) {
    diagnostics.error(where, "an included file's path is empty");
    return;
  }
  std::string path = resolved(spec_.file().path, *written);
  if (path == std::filesystem::path(spec_.file().path).lexically_normal().string()) {
    diagnostics.error(where, "a spec cannot include itself", "include the file that holds the shared sections");
    return;
  }
  for (const auto& other : included_) {
    if (other->file.path == path) {
      diagnostics.error(where, "'" + *written + "' is included twice");
      return;
    }
  }
  Diagnostics reading;
  std::optional<std::string> text = read_text_file(path, reading);
  if (!text) {
    diagnostics.error(where, "cannot include '" + *written + "' (" + path + "): " + reading.errors().front().message,
                      "paths are relative to the spec's folder");
    include_failed_ = true;
    return;
  }
  std::optional<YamlFile> file = parse_yaml_text(path, std::move(*text), diagnostics);
  if (!file) {
    include_failed_ = true;
    return;
  }
  auto included = std::make_unique<Included>(Included{std::move(*file), nullptr});
  if (!included->file.root.IsMap()) {
    diagnostics.error({path, 1, 1}, "an included file must be a mapping of shared sections (" + section_list() +
                                        "), got " + describe_node_type(included->file.root));
    return;
  }
  included->reader = std::make_unique<MapReader>(included->file, included->file.root, "an included file",
                                                 shareable_sections(), diagnostics);
  for (const std::string& section : shareable_sections()) {
    if (!included->reader->has(section)) continue;
    if (spec_.has(section)) {
      diagnostics.error(spec_.key_where(section), "'" + section + "' is also defined in " +
                                                      included->reader->key_where(section).to_string(),
                        "define it once: here or in the included file (which is read)");
    }
    for (const auto& other : included_) {
      if (other->reader && other->reader->has(section)) {
        diagnostics.error(included->reader->key_where(section), "'" + section + "' is also defined in " +
                                                                    other->reader->key_where(section).to_string(),
                          "define each shared section in one included file");
      }
    }
  }
  included_.push_back(std::move(included));
}

const MapReader& SectionSources::reader_for(const std::string& section) const {
  // An included file's first: when the spec defines the section too (an error), the shared
  // priorities and receivers still read together, without errors that follow from the mix.
  for (const auto& included : included_) {
    if (included->reader && included->reader->has(section)) return *included->reader;
  }
  return spec_;
}

bool SectionSources::lost_with_an_include(const std::string& section) const {
  return include_failed_ && !reader_for(section).has(section);
}

std::vector<std::string> SectionSources::included_paths() const {
  std::vector<std::string> paths;
  for (const auto& included : included_) paths.push_back(included->file.path);
  return paths;
}

namespace {

// `path`'s root mapping, or an undefined node when it cannot be read.
YamlNode peek_root(const std::string& path) {
  Diagnostics ignored;
  std::optional<YamlFile> file = load_yaml_file(path, ignored);
  return file && file->root.IsMap() ? file->root : YamlNode();
}

// The merge file `root`'s `alertmanager:` names, resolved against `path`'s folder.
void add_merge_file(const std::string& path, const YamlNode& root, std::vector<std::string>& files) {
  if (!root.IsMap() || !root["alertmanager"] || !root["alertmanager"].IsMap()) return;
  const YamlNode merge = root["alertmanager"]["merge"];
  if (merge && merge.IsScalar() && !merge.Scalar().empty()) files.push_back(resolved(path, merge.Scalar()));
}

}  // namespace

std::vector<std::string> peek_shared_files(const std::string& spec_path) {
  const YamlNode root = peek_root(spec_path);
  std::vector<std::string> includes, files;
  if (root.IsMap() && root["include"]) {
    for (const YamlNode& entry : include_entries(root["include"])) {
      if (entry.IsScalar() && !entry.Scalar().empty()) includes.push_back(resolved(spec_path, entry.Scalar()));
    }
  }
  files = includes;
  add_merge_file(spec_path, root, files);
  for (const std::string& included : includes) add_merge_file(included, peek_root(included), files);
  return files;
}

}  // namespace symptree
