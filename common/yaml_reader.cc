// Position-aware YAML reading: file loading, syntax errors, typed getters.
#include "common/yaml_reader.h"

#include "common/utf8.h"
#include "common/yaml_aliases.h"
#include "common/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

namespace symptree {

SourcePosition YamlFile::position(const YAML::Node& node) const {
  YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {path, 0, 0};
  return {path, mark.line + 1, mark.column + 1};
}

bool YamlFile::is_inline_scalar(const YAML::Node& node) const {
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

// The collections the parser had opened when it stopped. yaml-cpp reports an
// unclosed flow list or mapping, and too deep nesting, where its scanner is (lines
// later, or past the end); these marks say where the culprit starts.
class OpenCollections : public YAML::EventHandler {
 public:
  struct Open {
    YAML::Mark mark;
    bool sequence;
    bool flow;
  };
  std::vector<Open> stack;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    stack.push_back({mark, true, style == YAML::EmitterStyle::Flow});
  }
  void OnSequenceEnd() override { stack.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    stack.push_back({mark, false, style == YAML::EmitterStyle::Flow});
  }
  void OnMapEnd() override { stack.pop_back(); }
};

std::vector<OpenCollections::Open> open_collections_at_error(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  OpenCollections handler;
  try {
    while (parser.HandleNextDocument(handler)) {
    }
  } catch (const YAML::Exception&) {
  }
  return handler.stack;
}

SourcePosition at(const std::string& path, const YAML::Mark& mark) { return {path, mark.line + 1, mark.column + 1}; }

// 1-based line and byte column of `offset` in `text`, as yaml-cpp counts them.
SourcePosition position_of_offset(const std::string& path, const std::string& text, size_t offset) {
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  size_t line_start = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  size_t column = offset - (line_start == std::string::npos ? 0 : line_start + 1);
  return {path, line, static_cast<int>(column) + 1};
}

// The position and message for a syntax error, pointing at its cause where
// yaml-cpp's own mark does not.
// The first tab in the indentation of a line up to `last_line` (0-based), as a
// mark; nullopt when there is none. Only asked after the parse failed: a tab in
// a block scalar's text is fine, but one in the indentation is the usual cause.
std::optional<YAML::Mark> tab_in_indentation(const std::string& text, int last_line) {
  size_t start = 0;
  for (int line = 0; line <= last_line && start < text.size(); ++line) {
    size_t indent_end = text.find_first_not_of(" \t", start);
    size_t tab = text.find('\t', start);
    if (tab != std::string::npos && tab < indent_end && (indent_end == std::string::npos || text[indent_end] != '\n')) {
      YAML::Mark mark;
      mark.pos = static_cast<int>(tab);
      mark.line = line;
      mark.column = static_cast<int>(tab - start);
      return mark;
    }
    size_t next = text.find('\n', start);
    if (next == std::string::npos) break;
    start = next + 1;
  }
  return std::nullopt;
}

Diagnostic describe_syntax_error(const std::string& path, const std::string& text, const YAML::ParserException& e) {
  Diagnostic result{at(path, e.mark), "YAML syntax error: " + e.msg, ""};
  if (std::optional<YAML::Mark> tab = tab_in_indentation(text, e.mark.line)) {
    result.where = at(path, *tab);
    result.message = "YAML syntax error: this line is indented with a tab; YAML indents with spaces only";
    result.hint = "replace the tab with spaces (the parser stopped at " + at(path, e.mark).to_string() + ": " + e.msg + ")";
    return result;
  }
  bool unclosed_list = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
  bool unclosed_map = e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW;
  if (unclosed_list || unclosed_map) {
    std::vector<OpenCollections::Open> open = open_collections_at_error(text);
    for (auto it = open.rbegin(); it != open.rend(); ++it) {
      if (!it->flow || it->sequence != unclosed_list) continue;
      result.where = at(path, it->mark);
      result.message = std::string("YAML syntax error: this '") + (unclosed_list ? "[" : "{") + "' is never closed";
      result.hint = std::string("close it with '") + (unclosed_list ? "]" : "}") + "' (" + e.msg + " before " +
                    at(path, e.mark).to_string() + ")";
      break;
    }
  } else if (auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&e)) {
    result.message = "YAML syntax error: nesting is too deep (more than " + std::to_string(deep->depth() - 1) + " levels)";
    std::vector<OpenCollections::Open> open = open_collections_at_error(text);
    if (!open.empty()) {
      // The node one level too deep starts after the innermost open collection's
      // opening bracket; for a block collection, point at the collection itself.
      YAML::Mark mark = open.back().mark;
      if (open.back().flow) {
        size_t pos = text.find_first_not_of(" \t\r\n", static_cast<size_t>(mark.pos) + 1);
        if (pos != std::string::npos) {
          mark.line += static_cast<int>(std::count(text.begin() + mark.pos, text.begin() + pos, '\n'));
          size_t line_start = text.rfind('\n', pos - 1);
          mark.column = static_cast<int>(pos - (line_start == std::string::npos ? 0 : line_start + 1));
        }
      }
      result.where = at(path, mark);
    }
  } else if (e.msg == YAML::ErrorMsg::MAP_VALUE) {
    // `key:` on a line indented deeper than the line above: yaml-cpp read the
    // key as a continuation of the value above and stops at its colon; the
    // mistake is the indentation, where the key starts.
    size_t colon = static_cast<size_t>(std::max(e.mark.pos, 0));
    size_t line_start = colon < text.size() ? text.rfind('\n', colon) : std::string::npos;
    if (line_start != std::string::npos && line_start > 0) {
      size_t key = text.find_first_not_of(' ', line_start + 1);
      size_t previous_start = text.rfind('\n', line_start - 1);
      previous_start = previous_start == std::string::npos ? 0 : previous_start + 1;
      size_t previous_key = text.find_first_not_of(' ', previous_start);
      bool plain_key = key < colon && std::string_view(text.data() + key, colon - key).find_first_of(
                                          ":,[]{}#'\"") == std::string_view::npos;
      if (plain_key && key - line_start - 1 > previous_key - previous_start) {
        result.where.column = static_cast<int>(key - line_start);
        result.message = "YAML syntax error: this key is indented deeper than the line above";
        result.hint = "keys of one mapping must line up; yaml-cpp read it as part of the value above (" + e.msg + ")";
      }
    }
  }
  return result;
}

// yaml-cpp 0.7 ends a quoted scalar that is never closed at the end of the file
// instead of failing; such a scalar can only be the file's last node. Returns
// its position when it is one.
std::optional<YAML::Mark> unterminated_quote(const YamlFile& file) {
  YAML::Node node;
  node.reset(file.root);
  for (int steps = 0; steps < 100000 && (node.IsMap() || node.IsSequence()) && node.size() > 0; ++steps) {
    YAML::Node last;
    for (const auto& entry : node) last.reset(node.IsMap() ? entry.second : entry);
    node.reset(last);
  }
  YAML::Mark mark = node.Mark();
  if (!node.IsScalar() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= file.text.size()) return std::nullopt;
  const std::string& text = file.text;
  char quote = text[mark.pos];
  if (quote != '\'' && quote != '"') return std::nullopt;
  for (size_t i = static_cast<size_t>(mark.pos) + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
        continue;
      }
      return std::nullopt;
    }
  }
  return mark;
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
  try {
    file.root = YAML::Load(file.text);
  } catch (const YAML::ParserException& e) {
    Diagnostic error = describe_syntax_error(path, file.text, e);
    diagnostics.error(error.where, error.message, error.hint);
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.error({path, e.mark.line + 1, e.mark.column + 1}, "YAML error: " + e.msg);
    return std::nullopt;
  }
  if (std::optional<YAML::Mark> second = second_document_start(file.text, file.root)) {
    bool marker = second->pos >= 0 && file.text.compare(static_cast<size_t>(second->pos), 3, "---") == 0;
    diagnostics.error(at(path, *second), "YAML: a second document starts here; a spec file is one YAML document",
                      marker ? "remove this `---` and what follows, or move that document to a file of its own"
                             : "this text comes after the end of the document: look for a stray closing bracket "
                               "or quote before it");
    return std::nullopt;
  }
  if (!check_yaml_aliases(path, file.text, diagnostics)) return std::nullopt;
  if (std::optional<YAML::Mark> quote = unterminated_quote(file)) {
    diagnostics.error(at(path, *quote), std::string("YAML syntax error: this ") + file.text[quote->pos] +
                                            " is never closed; the string runs to the end of the file",
                      "close the quoted string on its line");
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

YAML::Node MapReader::get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? YAML::Node(YAML::NodeType::Undefined) : it->second;
}

SourcePosition MapReader::where(const std::string& key) const {
  YAML::Node value = get(key);
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
