// Reading a YamlDocument through YamlNode handles.
#include "common/yaml_tree.h"

namespace symptree {

YAML::EmitterStyle::value YamlNode::Style() const {
  if (!IsSequence() && !IsMap()) return YAML::EmitterStyle::Default;
  return node_->flow ? YAML::EmitterStyle::Flow : YAML::EmitterStyle::Block;
}

const std::string& YamlNode::Scalar() const {
  static const std::string empty;
  return node_ ? node_->scalar : empty;
}

std::string YamlNode::Tag() const {
  if (!node_ || node_->type == YAML::NodeType::Null) return "";
  if (node_->tag != 0) return document_->tags[node_->tag];
  return node_->type == YAML::NodeType::Scalar && !node_->plain ? "!" : "?";
}

size_t YamlNode::size() const {
  if (IsMap()) return node_->child_count / 2;
  return IsSequence() ? node_->child_count : 0;
}

YamlNode YamlNode::operator[](const std::string& key) const {
  if (!IsMap()) return {};
  for (uint32_t i = 0; i < node_->child_count; i += 2) {
    const YamlNodeData* candidate = child(i);
    if (candidate->type == YAML::NodeType::Scalar && candidate->scalar == key) return {document_, child(i + 1)};
  }
  return {};
}

YamlNode::const_iterator YamlNode::begin() const {
  if (!IsMap() && !IsSequence()) return {nullptr, nullptr, false};
  return {document_, document_->children.data() + node_->first_child, IsMap()};
}

YamlNode::const_iterator YamlNode::end() const {
  if (!IsMap() && !IsSequence()) return {nullptr, nullptr, false};
  return {document_, document_->children.data() + node_->first_child + node_->child_count, IsMap()};
}

YamlEntry YamlNode::const_iterator::operator*() const {
  YamlEntry entry;
  if (map_) {
    entry.first = YamlNode(document_, child_[0]);
    entry.second = YamlNode(document_, child_[1]);
  } else {
    static_cast<YamlNode&>(entry) = YamlNode(document_, child_[0]);
  }
  return entry;
}

}  // namespace symptree
