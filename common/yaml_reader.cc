// Position-aware YAML reading: file loading, syntax errors, typed getters.
#include "common/yaml_reader.h"

#include "common/utf8.h"
#include "common/yaml_parse.h"
#include "common/yaml_refusal.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace symptree {

SourcePosition YamlFile::position(const YamlNode& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {path, 0, 0};
  return {path, mark.line + 1, mark.column + 1};
}

bool YamlFile::is_inline_scalar(const YamlNode& node) const {
  YAML::Mark mark = node.Mark();
  if (!node.IsScalar() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return false;
  // Exact only when the source line holds the value verbatim: not a block scalar,
  // not folded over several lines, no escapes ('' or \") shifting the columns.
  size_t pos = static_cast<size_t>(mark.pos);
  size_t end_of_line = text.find('\n', pos);
  std::string_view line(text.data() + pos, (end_of_line == std::string::npos ? text.size() : end_of_line) - pos);
  if (line.empty()) return false;
  const std::string& value = node.Scalar();
  char first = line[0];
  if (first == '\'' || first == '"') {
    return line.size() >= value.size() + 2 && line.compare(1, value.size(), value) == 0 &&
           line[value.size() + 1] == first;
  }
  return line.compare(0, value.size(), value) == 0;
}

SourcePosition YamlFile::position_in_scalar(const YamlNode& node, size_t offset) const {
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
  // Not a FIFO or a device: opening one could block, reading it never end.
  std::error_code status_error;
  std::filesystem::file_status status = std::filesystem::status(path, status_error);
  if (!status_error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    error = std::filesystem::is_directory(status) ? "cannot read file: it is a directory" : "cannot read file: not a regular file";
    return false;
  }
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
  // Bounded whatever the size said: a device such as /dev/zero reports 0 and never ends.
  text.clear();
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    text.append(chunk, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxYamlBytes) {
      error = "file is more than " + std::to_string(kMaxYamlBytes) + " bytes, the limit";
      return false;
    }
  }
  if (in.bad()) {
    error = std::string("cannot read file: ") + std::strerror(errno);
    return false;
  }
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

namespace {

// 1-based line and byte column of `offset` in `text`, as yaml-cpp counts them.
SourcePosition position_of_offset(const std::string& path, const std::string& text, size_t offset) {
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  size_t line_start = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  size_t column = offset - (line_start == std::string::npos ? 0 : line_start + 1);
  return {path, line, static_cast<int>(column) + 1};
}

}  // namespace

std::optional<YamlFile> parse_yaml_text(const std::string& path, std::string text,
                                        Diagnostics& diagnostics) {
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    diagnostics.error(position_of_offset(path, text, nul), "the file contains a NUL byte; is it binary?");
    return std::nullopt;
  }
  if (std::optional<size_t> bad = invalid_utf8_offset(text)) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    diagnostics.error(position_of_offset(path, text, *bad),
                      std::string("invalid UTF-8: byte ") + byte +
                          (starts_utf8_sequence(static_cast<unsigned char>(text[*bad]))
                               ? " starts a UTF-8 character that the bytes after it do not complete"
                               : " does not start a valid UTF-8 character"),
                      "YAML files are UTF-8; re-save the file as UTF-8 (a Latin-1 editor writes such bytes)");
    return std::nullopt;
  }
  YamlFile file{path, std::move(text), {}};
  YamlParse parse = parse_yaml(path, file.text);
  std::optional<Diagnostic> error = parse.nesting_error;
  if (!error && (parse.refusal || parse.deep)) error = yaml_cpp_refusal(path, file.text, parse.alias_problem);
  if (!error) error = parse.refusal ? parse.refusal : parse.alias_problem;
  if (error) {
    diagnostics.error(error->where, error->message, error->hint);
    return std::nullopt;
  }
  file.root = parse.root;
  return file;
}

std::string describe_node_type(const YamlNode& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a scalar '" + node.Scalar() + "'";
    case YAML::NodeType::Null: return "nothing";
    default: return "nothing";
  }
}

std::optional<std::string> read_scalar(const YamlFile& file, const YamlNode& node,
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

MapReader::MapReader(const YamlFile& file, const YamlNode& node, std::string what,
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
    const YamlNode& key = entry.first;
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
    keys_.emplace(name, key);
    bool known = false;
    for (const std::string& k : known_keys) known = known || k == name;
    if (!known) {
      diagnostics_.error(file_.position(key), "unknown key '" + name + "' in " + what_,
                         name == "<<" ? "YAML merge keys (<<: *anchor) are not supported: write the keys out, or "
                                        "reuse a whole node with *anchor"
                                      : suggestion(name, known_keys));
    }
  }
}

bool MapReader::has(const std::string& key) const {
  auto it = values_.find(key);
  return it != values_.end() && it->second.IsDefined() && !it->second.IsNull();
}

YamlNode MapReader::get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? YamlNode() : it->second;
}

SourcePosition MapReader::where(const std::string& key) const {
  YamlNode value = get(key);
  if (value.IsDefined() && !value.IsNull() && value.Mark().line >= 0) return file_.position(value);
  // An empty value's mark is wherever the next token is, often the next line.
  if (auto it = keys_.find(key); it != keys_.end()) return file_.position(it->second);
  return where();
}

SourcePosition MapReader::key_where(const std::string& key) const {
  if (auto it = keys_.find(key); it != keys_.end()) return file_.position(it->second);
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
  if (text->empty() || end != text->c_str() + text->size()) {
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
  YamlNode list = sequence(key, required);
  if (!list.IsDefined()) return result;
  for (const YamlNode& item : list) {
    std::optional<std::string> text = read_scalar(file_, item, "an entry of '" + key + "'", diagnostics_);
    if (text) result.push_back(*text);
  }
  return result;
}

YamlNode MapReader::sequence(const std::string& key, bool required) const {
  if (!has(key)) {
    if (required) require(key);
    return YamlNode();
  }
  YamlNode value = get(key);
  if (!value.IsSequence()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a list, got " + describe_node_type(value));
    return YamlNode();
  }
  return value;
}

YamlNode MapReader::mapping(const std::string& key, bool required) const {
  if (!has(key)) {
    if (required) require(key);
    return YamlNode();
  }
  YamlNode value = get(key);
  if (!value.IsMap()) {
    diagnostics_.error(where(key), "'" + key + "' in " + what_ + " must be a mapping, got " + describe_node_type(value));
    return YamlNode();
  }
  return value;
}

}  // namespace symptree
