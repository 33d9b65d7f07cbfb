// Alias checks on the YAML event stream: each anchor's expanded size and depth
// is computed once, when its node ends, so the check itself is linear.
#include "common/yaml_aliases.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

namespace symptree {
namespace {

// Thrown by the handler to stop the parse at the first bad alias.
struct AliasProblem {
  YAML::Mark mark;
  std::string message;
  std::string hint;
};

class AliasCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_name_ = name; }
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override { leaf(anchor); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, const std::string&) override {
    leaf(anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Anchor& target = anchors_[anchor];
    if (target.open) {
      throw AliasProblem{mark, "alias '*" + target.name + "' is inside the node of its anchor '&" + target.name +
                                   "': an alias cycle",
                         "a node cannot contain itself; copy the part you need instead"};
    }
    expanded_ += target.size;
    if (expanded_ > kMaxAliasExpansion) {
      throw AliasProblem{mark, "alias '*" + target.name + "' takes the file's aliases past " +
                                   std::to_string(kMaxAliasExpansion) + " expanded nodes (anchor '&" + target.name +
                                   "' alone is " + std::to_string(target.size) + ")",
                         "aliases of aliases multiply; write the repeated settings out, or reuse fewer"};
    }
    add_child(target.size, target.depth, mark, target.name);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    std::string name;
    size_t size = 0;  // nodes, aliases inside counted as copies
    int depth = 0;    // levels, the same way
    bool open = false;
  };
  struct Frame {
    YAML::anchor_t anchor;
    size_t size;
    int child_depth;
  };

  void name_anchor(YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    anchors_[anchor].name = pending_name_;
    pending_name_.clear();
  }
  void leaf(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      name_anchor(anchor);
      anchors_[anchor].size = 1;
      anchors_[anchor].depth = 1;
    }
    add_child(1, 1, {}, "");
  }
  void open(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      name_anchor(anchor);
      anchors_[anchor].open = true;
    }
    stack_.push_back({anchor, 1, 0});
  }
  void close() {
    Frame frame = stack_.back();
    stack_.pop_back();
    int depth = frame.child_depth + 1;
    if (frame.anchor != YAML::NullAnchor) {
      Anchor& anchor = anchors_[frame.anchor];
      anchor.open = false;
      anchor.size = frame.size;
      anchor.depth = depth;
    }
    add_child(frame.size, depth, {}, "");
  }
  // `alias_name` is set when the child is an alias, for the depth error.
  void add_child(size_t size, int depth, const YAML::Mark& mark, const std::string& alias_name) {
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    parent.size += size;
    parent.child_depth = std::max(parent.child_depth, depth);
    if (!alias_name.empty() && static_cast<int>(stack_.size()) + depth > kMaxAliasDepth) {
      throw AliasProblem{mark, "alias '*" + alias_name + "' nests the file more than " +
                                   std::to_string(kMaxAliasDepth) + " levels deep",
                         "anchors holding aliases of anchors nest deeper than the text shows"};
    }
  }

  std::string pending_name_;
  std::map<YAML::anchor_t, Anchor> anchors_;
  std::vector<Frame> stack_;
  size_t expanded_ = 0;
};

}  // namespace

bool check_yaml_aliases(const std::string& path, const std::string& text, Diagnostics& diagnostics) {
  if (text.find('&') == std::string::npos) return true;  // no anchor, no alias
  std::istringstream in(text);
  YAML::Parser parser(in);
  AliasCounter counter;
  try {
    // The first document only: the one YAML::Load reads. (yaml-cpp can find
    // endless empty documents in what follows a stray bracket; the loader
    // refuses a second document before this runs.)
    parser.HandleNextDocument(counter);
  } catch (const AliasProblem& problem) {
    diagnostics.error({path, problem.mark.line + 1, problem.mark.column + 1}, problem.message, problem.hint);
    return false;
  } catch (const YAML::Exception&) {
    // Syntax errors are reported by the loader's own parse.
  }
  return true;
}

}  // namespace symptree
