// Guards against YAML aliases that readers cannot walk: an alias inside the
// node it refers to (a cycle: the node tree would be infinite) and aliases
// that multiply (a "billion laughs" file of a few KB expanding to gigabytes).
#pragma once

#include <string>

#include "common/diagnostics.h"

namespace symptree {

// Most nodes that all aliases of one file may expand to, counted as if each
// alias were a copy of its anchor's node. Hand-written specs reuse a few
// blocks; a file whose aliases expand beyond this is a mistake or an attack.
constexpr size_t kMaxAliasExpansion = 10000;
// Deepest nesting an alias may create (a chain of anchors, each holding an
// alias of the previous one, nests deeper than the text shows).
constexpr int kMaxAliasDepth = 100;

// Checks the aliases of `text` (already known to parse): reports a cycle, or
// the alias that takes the expansion past kMaxAliasExpansion nodes or
// kMaxAliasDepth levels, at the alias, naming its anchor. True when fine.
bool check_yaml_aliases(const std::string& path, const std::string& text, Diagnostics& diagnostics);

}  // namespace symptree
