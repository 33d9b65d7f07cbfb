// Position-aware, typed reading of YAML files. Every spec and config loader goes
// through here, so that every error names file:line:column and unknown keys get
// a "did you mean" hint.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/diagnostics.h"
#include "common/yaml_tree.h"

namespace symptree {

// A parsed YAML file, kept with its text so positions inside scalars can be found.
struct YamlFile {
  std::string path;
  std::string text;
  YamlNode root;

  SourcePosition position(const YamlNode& node) const;
  // Position of the character `offset` bytes into a scalar's value. Exact for
  // one-line plain and quoted scalars; the scalar's start otherwise.
  SourcePosition position_in_scalar(const YamlNode& node, size_t offset) const;
  // True for a scalar written on one line (plain or quoted), where
  // position_in_scalar is exact.
  bool is_inline_scalar(const YamlNode& node) const;
};

// Largest file the loaders accept; a spec is hand-written, megabytes mean a mistake.
constexpr size_t kMaxYamlBytes = 16 * 1024 * 1024;

// Reads `path` whole (up to kMaxYamlBytes); reports why it cannot.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diagnostics);
// Reads and parses `path`; reports unreadable files and syntax errors.
std::optional<YamlFile> load_yaml_file(const std::string& path, Diagnostics& diagnostics);
// Parses `text` as if read from `path`.
std::optional<YamlFile> parse_yaml_text(const std::string& path, std::string text,
                                        Diagnostics& diagnostics);

// "a mapping", "a list", "a string" ... for error messages.
std::string describe_node_type(const YamlNode& node);

// Reads one YAML mapping whose keys are known in advance: reports unknown and
// duplicate keys at construction, and offers typed getters that report wrong
// types and missing required keys.
class MapReader {
 public:
  MapReader(const YamlFile& file, const YamlNode& node, std::string what,
            std::vector<std::string> known_keys, Diagnostics& diagnostics);

  bool valid() const { return valid_; }
  bool has(const std::string& key) const;
  YamlNode get(const std::string& key) const;
  const YamlNode& node() const { return node_; }
  const YamlFile& file() const { return file_; }
  Diagnostics& diagnostics() const { return diagnostics_; }
  SourcePosition where() const { return file_.position(node_); }
  // Position of the key's value; of the key when the value is empty; of the
  // mapping when the key is absent.
  SourcePosition where(const std::string& key) const;
  // Position of the key itself; of the mapping when the key is absent.
  SourcePosition key_where(const std::string& key) const;

  // Reports "missing required key" when absent; returns false then.
  bool require(const std::string& key) const;

  // A non-empty scalar string; nullopt (with an error) on a wrong type or empty value.
  std::optional<std::string> string(const std::string& key, bool required = false) const;
  std::optional<long long> integer(const std::string& key, long long min, long long max,
                                   bool required = false) const;
  std::optional<double> number(const std::string& key, bool required = false) const;
  std::optional<bool> boolean(const std::string& key) const;
  // A list of non-empty strings (an absent key gives an empty list).
  std::vector<std::string> string_list(const std::string& key, bool required = false) const;
  // The key's value when it is a sequence; an undefined node otherwise (with an
  // error when the key is present with another type, or required and absent).
  YamlNode sequence(const std::string& key, bool required = false) const;
  // The key's value when it is a mapping; same reporting as sequence().
  YamlNode mapping(const std::string& key, bool required = false) const;

 private:
  void check_keys(const std::vector<std::string>& known_keys);

  const YamlFile& file_;
  YamlNode node_;
  std::map<std::string, YamlNode> values_;  // by key; YamlNode's own lookup is a linear scan
  std::map<std::string, YamlNode> keys_;    // the key nodes, for positions of empty values
  std::string what_;
  Diagnostics& diagnostics_;
  bool valid_ = false;
};

// A scalar's text, or nullopt with an error naming `what` when it is not a scalar.
std::optional<std::string> read_scalar(const YamlFile& file, const YamlNode& node,
                                       const std::string& what, Diagnostics& diagnostics);

}  // namespace symptree
