// Alias checks as the document is parsed: each anchor's expanded size and
// depth is computed once, when its node ends, so the check itself is linear.
#include "common/yaml_aliases.h"

#include <algorithm>

namespace symptree {

size_t AliasGuard::define(const std::string& anchor) {
  if (anchor.empty()) return kNoAnchor;
  anchors_.push_back({anchor, 0, 0, false});
  latest_[anchor] = anchors_.size() - 1;
  return anchors_.size() - 1;
}

void AliasGuard::leaf(const std::string& anchor) {
  if (problem_) return;
  if (size_t defined = define(anchor); defined != kNoAnchor) {
    anchors_[defined].size = 1;
    anchors_[defined].depth = 1;
  }
  add_child(1, 1, {}, "");
}

void AliasGuard::open(const std::string& anchor) {
  if (problem_) return;
  size_t defined = define(anchor);
  if (defined != kNoAnchor) anchors_[defined].open = true;
  stack_.push_back({defined, 1, 0});
}

void AliasGuard::close() {
  if (problem_) return;
  Frame frame = stack_.back();
  stack_.pop_back();
  int depth = frame.child_depth + 1;
  if (frame.anchor != kNoAnchor) {
    Anchor& anchor = anchors_[frame.anchor];
    anchor.open = false;
    anchor.size = frame.size;
    anchor.depth = depth;
  }
  add_child(frame.size, depth, {}, "");
}

void AliasGuard::alias(const std::string& name, const YAML::Mark& mark) {
  auto latest = latest_.find(name);
  if (problem_ || latest == latest_.end()) return;
  const Anchor target = anchors_[latest->second];
  if (target.open) {
    problem_ = AliasProblem{mark,
                            "alias '*" + name + "' is inside the node of its anchor '&" + name + "': an alias cycle",
                            "a node cannot contain itself; copy the part you need instead"};
    return;
  }
  expanded_ += target.size;
  if (expanded_ > kMaxAliasExpansion) {
    problem_ = AliasProblem{mark, "alias '*" + name + "' takes the file's aliases past " +
                                      std::to_string(kMaxAliasExpansion) + " expanded nodes (anchor '&" + name +
                                      "' alone is " + std::to_string(target.size) + ")",
                            "aliases of aliases multiply; write the repeated settings out, or reuse fewer"};
    return;
  }
  add_child(target.size, target.depth, mark, name);
}

void AliasGuard::add_child(size_t size, int depth, const YAML::Mark& mark, const std::string& alias_name) {
  if (stack_.empty()) return;
  Frame& parent = stack_.back();
  parent.size += size;
  parent.child_depth = std::max(parent.child_depth, depth);
  if (!alias_name.empty() && static_cast<int>(stack_.size()) + depth > kMaxAliasDepth) {
    problem_ = AliasProblem{mark, "alias '*" + alias_name + "' nests the file more than " +
                                      std::to_string(kMaxAliasDepth) + " levels deep",
                            "anchors holding aliases of anchors nest deeper than the text shows"};
  }
}

}  // namespace symptree
