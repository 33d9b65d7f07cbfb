// Building a YamlDocument from libyaml's events.
#include "common/yaml_parse.h"

#include <yaml.h>

#include <cstdio>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/yaml_aliases.h"
#include "common/yaml_marks.h"

namespace symptree {
namespace {

// yaml-cpp refuses a node nested 500 levels deep (a collection there, or
// most nodes inside a collection 499 deep); from 400 levels on, let it judge.
constexpr size_t kYamlCppDepthLimit = 500;
constexpr size_t kNearYamlCppDepthLimit = 400;

// yaml-cpp's IsNullString: the plain scalars that read as null.
bool is_null_text(const std::string& text) {
  if (text.size() > 4) return false;
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string to_string(const yaml_char_t* text) { return text ? reinterpret_cast<const char*>(text) : ""; }

// A libyaml parser reading `text`, deleted with its last event.
class EventStream {
 public:
  explicit EventStream(const std::string& text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~EventStream() {
    if (has_event_) yaml_event_delete(&event_);
    yaml_parser_delete(&parser_);
  }
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The next event; nullptr on a syntax error (see parser()).
  const yaml_event_t* next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }
  const yaml_parser_t& parser() const { return parser_; }

 private:
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
};

class TreeBuilder {
 public:
  TreeBuilder(const std::string& path, const std::string& text)
      : path_(path), text_(text), marks_(text), document_(std::make_shared<YamlDocument>()) {}

  YamlParse build();

 private:
  // False when the parse stops here.
  bool on_event(const yaml_event_t& event);
  void on_scalar(const yaml_event_t& event);
  // yaml-cpp's mark of an empty node (no text, no anchor) that libyaml marks at `offset`.
  YAML::Mark empty_node_mark(size_t offset);
  void on_alias(const yaml_event_t& event);
  void on_collection_start(const yaml_event_t& event, YAML::NodeType::value type);
  void on_collection_end();
  YAML::Mark too_deep_mark();
  YamlNodeData& add_node(YAML::NodeType::value type, const YAML::Mark& mark, const yaml_char_t* anchor,
                         const yaml_char_t* tag);
  void add_child(const YamlNodeData* node);
  YAML::Mark mark_of(const yaml_mark_t& mark) { return marks_.at_byte(marks_.byte_of(mark.index)); }
  SourcePosition position_of(const YAML::Mark& mark) const { return {path_, mark.line + 1, mark.column + 1}; }
  Diagnostic syntax_error(const yaml_parser_t& parser);
  Diagnostic disputed_line_break_error(size_t offset);

  const std::string& path_;
  const std::string& text_;
  YamlMarks marks_;
  std::shared_ptr<YamlDocument> document_;
  AliasGuard aliases_;
  std::unordered_map<std::string, const YamlNodeData*> anchors_;
  struct Open {
    YamlNodeData* node;
    size_t first_child;  // into pending_
  };
  std::vector<Open> open_;
  std::vector<const YamlNodeData*> pending_;  // the children of the open collections, in order
  int documents_ = 0;
  YamlParse result_;
};

YamlParse TreeBuilder::build() {
  if (std::optional<size_t> offset = marks_.disputed_line_break()) {
    result_.refusal = disputed_line_break_error(*offset);
    return std::move(result_);
  }
  EventStream events(text_);
  while (true) {
    const yaml_event_t* event = events.next();
    if (!event) {
      result_.refusal = syntax_error(events.parser());
      break;
    }
    if (!on_event(*event)) break;
  }
  // Also when the parse stopped: yaml-cpp, reading the text again, may find no syntax error before it.
  if (const std::optional<AliasProblem>& problem = aliases_.problem()) {
    result_.alias_problem = Diagnostic{position_of(problem->mark), problem->message, problem->hint};
  }
  if (result_.refusal || result_.nesting_error) return std::move(result_);
  if (!document_->root) {  // no document: yaml-cpp's YAML::Load gives a null node without a mark
    document_->nodes.push_back({});
    document_->nodes.back().mark = YAML::Mark::null_mark();
    document_->root = &document_->nodes.back();
  }
  result_.root = YamlNode(document_, document_->root);
  return std::move(result_);
}

bool TreeBuilder::on_event(const yaml_event_t& event) {
  switch (event.type) {
    case YAML_DOCUMENT_START_EVENT:
      if (++documents_ == 1) return true;
      result_.refusal = Diagnostic{position_of(mark_of(event.start_mark)),
                                   "YAML: a second document starts here; a spec file is one YAML document", ""};
      return false;
    case YAML_STREAM_END_EVENT: return false;
    case YAML_SCALAR_EVENT: on_scalar(event); break;
    case YAML_ALIAS_EVENT: on_alias(event); break;
    case YAML_SEQUENCE_START_EVENT: on_collection_start(event, YAML::NodeType::Sequence); break;
    case YAML_MAPPING_START_EVENT: on_collection_start(event, YAML::NodeType::Map); break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: on_collection_end(); break;
    default: break;
  }
  return !result_.refusal && !result_.nesting_error;
}

void TreeBuilder::on_scalar(const yaml_event_t& event) {
  const auto& scalar = event.data.scalar;
  std::string value(reinterpret_cast<const char*>(scalar.value), scalar.length);
  bool plain = scalar.style == YAML_PLAIN_SCALAR_STYLE;
  bool null = plain && !scalar.tag && is_null_text(value);
  bool empty = null && !scalar.anchor && event.start_mark.index == event.end_mark.index;
  YAML::Mark mark = empty ? empty_node_mark(marks_.byte_of(event.start_mark.index)) : mark_of(event.start_mark);
  YamlNodeData& node = add_node(null ? YAML::NodeType::Null : YAML::NodeType::Scalar, mark, scalar.anchor, scalar.tag);
  node.plain = plain;
  if (!null) node.scalar = std::move(value);
  aliases_.leaf(to_string(scalar.anchor));
  add_child(&node);
}

YAML::Mark TreeBuilder::empty_node_mark(size_t offset) {
  bool block_map_value = !open_.empty() && open_.back().node->type == YAML::NodeType::Map && !open_.back().node->flow &&
                         (pending_.size() - open_.back().first_child) % 2 == 1;
  if (block_map_value && (offset == 0 || marks_.text()[offset - 1] != ':')) {
    // A `? key` without `: value`: yaml-cpp marks the value at the `?`.
    size_t key = static_cast<size_t>(pending_.back()->mark.pos);
    if (std::optional<size_t> question = marks_.explicit_key_indicator(key)) return marks_.at_byte(*question);
  }
  // Else libyaml's mark is where the value would be; yaml-cpp's is where the next token starts.
  return marks_.at_byte(marks_.next_token(offset));
}

void TreeBuilder::on_alias(const yaml_event_t& event) {
  std::string name = to_string(event.data.alias.anchor);
  auto anchor = anchors_.find(name);
  if (anchor == anchors_.end()) {
    // yaml-cpp words it (common/yaml_refusal).
    result_.refusal = Diagnostic{position_of(mark_of(event.start_mark)), "YAML: alias '*" + name + "' of no anchor",
                                 ""};
    return;
  }
  aliases_.alias(name, mark_of(event.start_mark));
  add_child(anchor->second);
}

void TreeBuilder::on_collection_start(const yaml_event_t& event, YAML::NodeType::value type) {
  bool sequence = type == YAML::NodeType::Sequence;
  const yaml_char_t* anchor = sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor;
  const yaml_char_t* tag = sequence ? event.data.sequence_start.tag : event.data.mapping_start.tag;
  YamlNodeData& node = add_node(type, mark_of(event.start_mark), anchor, tag);
  node.flow = sequence ? event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                       : event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
  aliases_.open(to_string(anchor));
  open_.push_back({&node, pending_.size()});
  if (open_.size() >= kNearYamlCppDepthLimit) result_.deep = true;
  if (open_.size() >= kYamlCppDepthLimit) {  // stop: a file of brackets could nest millions deep
    result_.nesting_error = Diagnostic{position_of(too_deep_mark()),
                                       "YAML syntax error: nesting is too deep (more than " +
                                           std::to_string(kYamlCppDepthLimit - 1) + " levels)",
                                       ""};
  }
}

YAML::Mark TreeBuilder::too_deep_mark() {
  // Where yaml-cpp's error points (common/yaml_refusal): inside the deepest
  // collection it opened, at the first node of a flow one.
  const YamlNodeData& deepest = *open_[kYamlCppDepthLimit - 2].node;
  if (!deepest.flow) return deepest.mark;
  size_t first = marks_.text().find_first_not_of(" \t\r\n", static_cast<size_t>(deepest.mark.pos) + 1);
  return marks_.at_byte(first == std::string_view::npos ? marks_.text().size() : first);
}

void TreeBuilder::on_collection_end() {
  Open closed = open_.back();
  open_.pop_back();
  closed.node->first_child = static_cast<uint32_t>(document_->children.size());
  closed.node->child_count = static_cast<uint32_t>(pending_.size() - closed.first_child);
  auto first = pending_.begin() + static_cast<std::ptrdiff_t>(closed.first_child);
  document_->children.insert(document_->children.end(), first, pending_.end());
  pending_.resize(closed.first_child);
  aliases_.close();
  add_child(closed.node);
}

YamlNodeData& TreeBuilder::add_node(YAML::NodeType::value type, const YAML::Mark& mark, const yaml_char_t* anchor,
                                    const yaml_char_t* tag) {
  YamlNodeData& node = document_->nodes.emplace_back();
  node.type = type;
  node.mark = mark;
  if (tag) {
    node.tag = static_cast<uint32_t>(document_->tags.size());
    document_->tags.push_back(to_string(tag));
  }
  if (anchor) anchors_[to_string(anchor)] = &node;
  return node;
}

void TreeBuilder::add_child(const YamlNodeData* node) {
  if (open_.empty()) {
    if (!document_->root) document_->root = node;
    return;
  }
  pending_.push_back(node);
}

Diagnostic TreeBuilder::syntax_error(const yaml_parser_t& parser) {
  if (parser.error == YAML_MEMORY_ERROR) return {{path_, 0, 0}, "YAML: out of memory", ""};
  std::string problem = parser.problem ? parser.problem : "cannot parse";
  if (parser.error == YAML_READER_ERROR) {
    size_t bom = text_.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    size_t offset = parser.problem_offset > bom ? parser.problem_offset - bom : 0;
    if (parser.problem_value >= 0) {
      char character[16];
      std::snprintf(character, sizeof character, " (U+%04X)", static_cast<unsigned>(parser.problem_value));
      problem += character;
    }
    return {position_of(marks_.at_byte(offset)), "YAML syntax error: " + problem, ""};
  }
  std::string hint;
  if (parser.context) {
    hint = std::string(parser.context) + " at " + position_of(mark_of(parser.context_mark)).to_string();
  }
  return {position_of(mark_of(parser.problem_mark)), "YAML syntax error: " + problem, hint};
}

Diagnostic TreeBuilder::disputed_line_break_error(size_t offset) {
  std::string_view at = marks_.text().substr(offset);
  bool carriage_return = at[0] == '\r';
  std::string what = carriage_return                    ? "a carriage return (CR) without a line feed after it"
                     : at.substr(0, 2) == "\xC2\x85"     ? "a next-line character (U+0085)"
                     : at.substr(0, 3) == "\xE2\x80\xA8" ? "a line separator (U+2028)"
                                                        : "a paragraph separator (U+2029)";
  return {position_of(marks_.at_byte(offset)), "YAML: " + what + ": YAML readers disagree on whether it ends a line",
          carriage_return ? "save the file with LF or CR LF line endings"
                          : "remove it, or write it inside double quotes as \\N, \\L or \\P"};
}

}  // namespace

YamlParse parse_yaml(const std::string& path, const std::string& text) { return TreeBuilder(path, text).build(); }

}  // namespace symptree
