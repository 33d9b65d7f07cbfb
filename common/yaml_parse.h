// Parsing YAML text into a YamlDocument (common/yaml_tree.h) with libyaml,
// several times faster than yaml-cpp's YAML::Load, giving what YAML::Load gives:
// the first document's nodes, their types and yaml-cpp's marks. Finds on the
// way what a spec file must not have: a second document, an alias of no
// anchor, aliases readers cannot walk (common/yaml_aliases.h).
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "common/yaml_tree.h"

namespace symptree {

struct YamlParse {
  // The first document's root; an undefined node when `refusal` or
  // `nesting_error` is set. The
  // root of a file without a document (empty, or comments only) is null.
  YamlNode root;
  // Why the text is not one YAML document: libyaml's syntax error, a second
  // document, an alias of no anchor. yaml-cpp says it in its own words
  // (common/yaml_syntax_error.h), which the tests expect.
  std::optional<Diagnostic> refusal;
  // The first alias that readers cannot walk.
  std::optional<Diagnostic> alias_problem;
  // Nesting as deep as yaml-cpp refuses, in its words; the parse stops there.
  std::optional<Diagnostic> nesting_error;
  // Nesting near yaml-cpp's depth limit, which yaml-cpp must judge.
  bool deep = false;
};

// Parses `text`, read from `path` (for the diagnostics' positions).
YamlParse parse_yaml(const std::string& path, const std::string& text);

}  // namespace symptree
