// Queries over the model's tree.
#include "generator/model/model.h"

namespace symptree {

SourcePosition TextPlace::position_at(size_t offset) const {
  SourcePosition position = where;
  if (offset < byte_lines.size()) {
    position.line = byte_lines[offset].first;
    position.column = byte_lines[offset].second;
  } else if (single_line) {
    position.column += static_cast<int>(offset);
  }
  return position;
}

std::vector<int> Model::conditioned_ancestors(int node) const {
  std::vector<int> result;
  for (int n = nodes[node].parent; n >= 0; n = nodes[n].parent) {
    if (nodes[n].when) result.push_back(n);
  }
  return result;
}

bool Model::has_cluster_scope() const {
  for (const Node& node : nodes) {
    if (node.scope == NodeScope::Cluster) return true;
  }
  return false;
}

std::string Model::path_text(int node) const {
  std::string path = nodes[node].title;
  for (int n = nodes[node].parent; n >= 0; n = nodes[n].parent) path = nodes[n].title + " → " + path;
  return path;
}

int Model::find_node(const std::string& id) const {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace symptree
