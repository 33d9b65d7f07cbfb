// A parsed YAML document as a tree of nodes, and the handle the loaders read
// it through. The handle offers the read-only part of yaml-cpp's YAML::Node
// that the loaders use, with the same meaning (types, null scalars, marks,
// map pairs in order with duplicates), at a fraction of its time and memory.
// common/yaml_parse builds the tree.
#pragma once

#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/type.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace symptree {

// One node of a YamlDocument.
struct YamlNodeData {
  std::string scalar;     // a scalar's text; empty for other nodes
  YAML::Mark mark;        // where the node starts, as yaml-cpp marks it (0-based, byte columns)
  YAML::NodeType::value type = YAML::NodeType::Null;
  bool flow = false;      // a collection written [ ... ] or { ... }
  bool plain = false;     // a scalar written without quotes (not a block scalar either)
  uint32_t tag = 0;       // index into YamlDocument::tags; 0 when the node has no tag
  uint32_t first_child = 0;  // index into YamlDocument::children
  uint32_t child_count = 0;  // a sequence's items, or a map's keys and values alternating
};

// Owns the nodes of one document. An alias is the node of its anchor, shared.
struct YamlDocument {
  std::deque<YamlNodeData> nodes;                 // a deque: nodes never move while it grows
  std::vector<const YamlNodeData*> children;     // each collection's children, contiguous
  std::vector<std::string> tags = {""};          // tags as written (resolved like yaml-cpp's)
  const YamlNodeData* root = nullptr;
};

struct YamlEntry;

// A node of a document, or an undefined node (what looking up an absent key
// gives). Cheap to copy; keeps its document alive as long as it is held.
class YamlNode {
 public:
  class const_iterator;

  YamlNode() = default;
  YamlNode(std::shared_ptr<const YamlDocument> document, const YamlNodeData* node)
      : document_(std::move(document)), node_(node) {}

  bool IsDefined() const { return node_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  YAML::NodeType::value Type() const { return node_ ? node_->type : YAML::NodeType::Undefined; }
  bool IsNull() const { return Type() == YAML::NodeType::Null; }
  bool IsScalar() const { return Type() == YAML::NodeType::Scalar; }
  bool IsSequence() const { return Type() == YAML::NodeType::Sequence; }
  bool IsMap() const { return Type() == YAML::NodeType::Map; }
  // Block or Flow for a collection, Default for the others (as yaml-cpp).
  YAML::EmitterStyle::value Style() const;
  const std::string& Scalar() const;
  // Mark::null_mark() for an undefined node, and for the root of an empty file.
  YAML::Mark Mark() const { return node_ ? node_->mark : YAML::Mark::null_mark(); }
  // yaml-cpp's tag: as written when given; else "!" for a quoted or block
  // scalar, "?" for a plain scalar or a collection, "" for null.
  std::string Tag() const;
  // Items of a sequence, pairs of a map, 0 for the others.
  size_t size() const;
  // The value of a map's first pair whose key is the scalar `key`; undefined
  // when there is none or this is not a map.
  YamlNode operator[](const std::string& key) const;

  // A sequence's items, or a map's pairs as YamlEntry .first and .second.
  const_iterator begin() const;
  const_iterator end() const;

 private:
  const YamlNodeData* child(size_t index) const { return document_->children[node_->first_child + index]; }

  std::shared_ptr<const YamlDocument> document_;
  const YamlNodeData* node_ = nullptr;
};

// What iterating a node gives, as yaml-cpp's iterator value: for a sequence,
// the item itself; for a map, the key (first) and the value (second).
struct YamlEntry : YamlNode {
  YamlNode first;
  YamlNode second;
};

class YamlNode::const_iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = YamlEntry;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = YamlEntry;

  const_iterator(std::shared_ptr<const YamlDocument> document, const YamlNodeData* const* child, bool map)
      : document_(std::move(document)), child_(child), map_(map) {}

  YamlEntry operator*() const;
  const_iterator& operator++() {
    child_ += map_ ? 2 : 1;
    return *this;
  }
  bool operator==(const const_iterator& other) const { return child_ == other.child_; }
  bool operator!=(const const_iterator& other) const { return child_ != other.child_; }

 private:
  std::shared_ptr<const YamlDocument> document_;
  const YamlNodeData* const* child_;
  bool map_;
};

}  // namespace symptree
