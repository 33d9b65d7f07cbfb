// Guards against YAML aliases that readers cannot walk: an alias inside the
// node it refers to (a cycle: the node tree would be infinite) and aliases
// that multiply (a "billion laughs" file of a few KB expanding to gigabytes).
#pragma once

#include <yaml-cpp/mark.h>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace symptree {

// Most nodes that all aliases of one file may expand to, counted as if each
// alias were a copy of its anchor's node. Hand-written specs reuse a few
// blocks; a file whose aliases expand beyond this is a mistake or an attack.
constexpr size_t kMaxAliasExpansion = 10000;
// Deepest nesting an alias may create (a chain of anchors, each holding an
// alias of the previous one, nests deeper than the text shows).
constexpr int kMaxAliasDepth = 100;

// The first bad alias of a document, at the alias, naming its anchor.
struct AliasProblem {
  YAML::Mark mark;
  std::string message;
  std::string hint;
};

// Follows a document's nodes in the order the parser meets them and finds the
// first alias that is a cycle, or that takes the expansion past
// kMaxAliasExpansion nodes or kMaxAliasDepth levels. Each anchor's expanded
// size and depth is computed once, when its node ends, so this is linear.
class AliasGuard {
 public:
  // A scalar or null node; `anchor` is its anchor's name, "" when it has none.
  void leaf(const std::string& anchor);
  // A sequence or map starts; it ends at the matching close().
  void open(const std::string& anchor);
  void close();
  // An alias of the anchor `name`, which the parser found defined before it.
  void alias(const std::string& name, const YAML::Mark& mark);
  const std::optional<AliasProblem>& problem() const { return problem_; }

 private:
  struct Anchor {
    std::string name;
    size_t size = 0;  // nodes, aliases inside counted as copies
    int depth = 0;    // levels, the same way
    bool open = false;
  };
  struct Frame {
    size_t anchor;  // index into anchors_, or kNoAnchor
    size_t size;
    int child_depth;
  };
  static constexpr size_t kNoAnchor = static_cast<size_t>(-1);

  size_t define(const std::string& anchor);
  // `alias_name` is set when the child is an alias, for the depth error.
  void add_child(size_t size, int depth, const YAML::Mark& mark, const std::string& alias_name);

  std::vector<Anchor> anchors_;                     // each definition, in order
  std::unordered_map<std::string, size_t> latest_;  // the definition a name refers to now
  std::vector<Frame> stack_;
  size_t expanded_ = 0;
  std::optional<AliasProblem> problem_;
};

}  // namespace symptree
