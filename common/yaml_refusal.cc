// yaml-cpp's account of YAML text that libyaml refused (common/yaml_parse.h):
// its syntax errors, pointed at their cause, and the quirks of its reading
// that earlier versions of symptree reported. Slow, but only errors take it.
#include "common/yaml_refusal.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

#include "common/yaml_documents.h"

namespace symptree {
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

// The position and message for a syntax error, pointing at its cause where
// yaml-cpp's own mark does not.
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
std::optional<YAML::Mark> unterminated_quote(const std::string& text, const YAML::Node& root) {
  YAML::Node node;
  node.reset(root);
  for (int steps = 0; steps < 100000 && (node.IsMap() || node.IsSequence()) && node.size() > 0; ++steps) {
    YAML::Node last;
    for (const auto& entry : node) last.reset(node.IsMap() ? entry.second : entry);
    node.reset(last);
  }
  YAML::Mark mark = node.Mark();
  if (!node.IsScalar() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= text.size()) return std::nullopt;
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

std::optional<Diagnostic> yaml_cpp_refusal(const std::string& path, const std::string& text,
                                           const std::optional<Diagnostic>& alias_problem) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return describe_syntax_error(path, text, e);
  } catch (const YAML::Exception& e) {
    return Diagnostic{at(path, e.mark), "YAML error: " + e.msg, ""};
  }
  if (std::optional<YAML::Mark> second = second_document_start(text, root)) {
    bool marker = second->pos >= 0 && text.compare(static_cast<size_t>(second->pos), 3, "---") == 0;
    return Diagnostic{at(path, *second), "YAML: a second document starts here; a spec file is one YAML document",
                      marker ? "remove this `---` and what follows, or move that document to a file of its own"
                             : "this text comes after the end of the document: look for a stray closing bracket "
                               "or quote before it"};
  }
  if (alias_problem) return alias_problem;
  if (std::optional<YAML::Mark> quote = unterminated_quote(text, root)) {
    return Diagnostic{at(path, *quote),
                      std::string("YAML syntax error: this ") + text[quote->pos] +
                          " is never closed; the string runs to the end of the file",
                      "close the quoted string on its line"};
  }
  return std::nullopt;
}

}  // namespace symptree
