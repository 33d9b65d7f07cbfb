// Position-aware YAML reading: file loading, syntax errors, typed getters.
#include "common/yaml_reader.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace symptree {

SourcePosition YamlFile::position(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {path, 0, 0};
  return {path, mark.line + 1, mark.column + 1};
}

bool YamlFile::is_inline_scalar(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (!node.IsScalar() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return false;
  char first = text[mark.pos];
  return first != '|' && first != '>' && node.Scalar().find('\n') == std::string::npos;
}

SourcePosition YamlFile::position_in_scalar(const YAML::Node& node, size_t offset) const {
  SourcePosition start = position(node);
  if (!is_inline_scalar(node)) return start;
  YAML::Mark mark = node.Mark();
  char first = text[mark.pos];
  size_t quote = (first == '\'' || first == '"') ? 1 : 0;
  size_t end_of_line = text.find('\n', mark.pos);
  size_t line_length = (end_of_line == std::string::npos ? text.size() : end_of_line) - mark.pos;
  if (quote + offset >= line_length) return start;
  start.column += static_cast<int>(quote + offset);
  return start;
}

static bool read_file(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) {
    error = "cannot read file (is it a directory?)";
    return false;
  }
  if (static_cast<size_t>(size) > kMaxYamlBytes) {
    error = "file is " + std::to_string(size) + " bytes; the limit is " +
            std::to_string(kMaxYamlBytes) + " bytes";
    return false;
  }
  in.seekg(0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
  text = buffer.str();
  return true;
}

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& diagnostics) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    diagnostics.error({path, 0, 0}, error);
    return std::nullopt;
  }
  return text;
}

std::optional<YamlFile> load_yaml_file(const std::string& path, Diagnostics& diagnostics) {
  std::optional<std::string> text = read_text_file(path, diagnostics);
  if (!text) return std::nullopt;
  return parse_yaml_text(path, std::move(*text), diagnostics);
}

std::optional<YamlFile> parse_yaml_text(const std::string& path, std::string text,
                                        Diagnostics& diagnostics) {
  if (text.find('\0') != std::string::npos) {
    diagnostics.error({path, 0, 0}, "file contains a NUL byte; is it binary?");
    return std::nullopt;
  }
  YamlFile file{path, std::move(text), {}};
  try {
    file.root = YAML::Load(file.text);
  } catch (const YAML::ParserException& e) {
    std::string message = e.msg;
    if (dynamic_cast<const YAML::DeepRecursion*>(&e)) message = "nesting is too deep (" + e.msg + ")";
    diagnostics.error({path, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + message);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.error({path, e.mark.line + 1, e.mark.column + 1}, "YAML error: " + e.msg);
    return std::nullopt;
  }
  return file;
}

std::string describe_node_type(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a scalar '" + node.Scalar() + "'";
    case YAML::NodeType::Null: return "nothing";
    default: return "nothing";
  }
}

std::optional<std::string> read_scalar(const YamlFile& file, const YAML::Node& node,
                                       const std::string& what, Diagnostics& diagnostics) {
  if (!node.IsScalar()) {
    diagnostics.error(file.position(node), what + " must be a string, got " + describe_node_type(node));
    return std::nullopt;
  }
  if (node.Scalar().empty()) {
    diagnostics.error(file.position(node), what + " is empty");
    return std::nullopt;
  }
  return node.Scalar();
}

MapReader::MapReader(const YamlFile& file, const YAML::Node& node, std::string what,
                     std::vector<std::string> known_keys, Diagnostics& diagnostics)
    : file_(file), node_(node), what_(std::move(what)), diagnostics_(diagnostics) {
  if (!node_.IsMap()) {
    diagnostics_.error(file_.position(node_), what_ + " must be a mapping, got " + describe_node_type(node_));
    return;
  }
  valid_ = true;
  check_keys(known_keys);
}

void MapReader::check_keys(const std::vector<std::string>& known_keys) {
  for (const auto& entry : node_) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      diagnostics_.error(file_.position(key), "keys in " + what_ + " must be strings");
      continue;
    }
    const std::string& name = key.Scalar();
    if (!values_.emplace(name, entry.second).second) {
      diagnostics_.error(file_.position(key), "duplicate key '" + name + "' in " + what_,
                         "each key may appear once; remove or merge the repeated one");
      continue;
    }
    bool known = false;
    for (const std::string& k : known_keys) known = known || k == name;
    if (!known) {
      diagnostics_.error(file_.position(key), "unknown key '" + name + "' in " + what_,
                         suggestion(name, known_keys));
    }
  }
}

bool MapReader::has(const std::string& key) const {
  auto it = values_.find(key);
  return it != values_.end() && it->second.IsDefined() && !it->second.IsNull();
}

YAML::Node MapReader::get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
}

SourcePosition MapReader::where(const std::string& key) const {
  YAML::Node value = get(key);
  if (value.IsDefined() && value.Mark().line >= 0) return file_.position(value);
  return where();
}

bool MapReader::require(const std::string& key) const {
  if (!valid_) return false;
  if (has(key)) return true;
  if (values_.count(key)) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " is empty");
  } else {
    diagnostics_.error(where(), what_ + " is missing required key '" + key + "'");
  }
  return false;
}

std::optional<std::string> MapReader::string(const std::string& key, bool required) const {
  if (!has(key)) {
    if (required) require(key);
    return std::nullopt;
  }
  return read_scalar(file_, get(key), "'" + key + "' in " + what_, diagnostics_);
}

std::optional<long long> MapReader::integer(const std::string& key, long long min, long long max,
                                            bool required) const {
  std::optional<std::string> text = string(key, required);
  if (!text) return std::nullopt;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a whole number, got '" + *text + "'");
    return std::nullopt;
  }
  if (value < min || value > max) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be between " +
                                       std::to_string(min) + " and " + std::to_string(max) +
                                       ", got " + *text);
    return std::nullopt;
  }
  return value;
}

std::optional<double> MapReader::number(const std::string& key, bool required) const {
  std::optional<std::string> text = string(key, required);
  if (!text) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a number, got '" + *text + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> MapReader::boolean(const std::string& key) const {
  std::optional<std::string> text = string(key);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be true or false, got '" + *text + "'");
  return std::nullopt;
}

std::vector<std::string> MapReader::string_list(const std::string& key, bool required) const {
  std::vector<std::string> result;
  YAML::Node list = sequence(key, required);
  if (!list.IsDefined()) return result;
  for (const YAML::Node& item : list) {
    std::optional<std::string> text = read_scalar(file_, item, "an entry of '" + key + "'", diagnostics_);
    if (text) result.push_back(*text);
  }
  return result;
}

YAML::Node MapReader::sequence(const std::string& key, bool required) const {
  if (!has(key)) {
    if (required) require(key);
    return YAML::Node(YAML::NodeType::Undefined);
  }
  YAML::Node value = get(key);
  if (!value.IsSequence()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a list, got " + describe_node_type(value));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return value;
}

YAML::Node MapReader::mapping(const std::string& key, bool required) const {
  if (!has(key)) {
    if (required) require(key);
    return YAML::Node(YAML::NodeType::Undefined);
  }
  YAML::Node value = get(key);
  if (!value.IsMap()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a mapping, got " + describe_node_type(value));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return value;
}

}  // namespace symptree
