// Queries over the model's tree.
#include "generator/model/model.h"

#include <algorithm>

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

bool Source::owns(const std::string& metric) const {
  for (const std::string& prefix : prefixes) {
    if (metric.rfind(prefix, 0) == 0) return true;
  }
  for (const std::string& name : metrics) {
    if (metric == name) return true;
  }
  return false;
}

bool Source::carries(const std::string& label) const {
  if (label == "instance" || label == "job") return true;
  for (const std::string& own : labels) {
    if (own == label) return true;
  }
  return false;
}

const Source* Model::source_of(const std::string& metric) const {
  for (const Source& source : sources) {
    if (source.owns(metric)) return &source;
  }
  return nullptr;
}

std::vector<std::string> Model::scrape_jobs() const {
  std::vector<std::string> jobs = {service_job, exporter_job};
  for (const Source& source : sources) jobs.push_back(source.job);
  return jobs;
}

bool Model::has_cluster_scope() const {
  for (const Node& node : nodes) {
    if (node.scope == NodeScope::Cluster) return true;
  }
  return false;
}

std::vector<std::string> Model::shared_join(int cause, int ancestor) const {
  std::vector<std::string> shared;
  for (const std::string& label : nodes[cause].join_on) {
    const std::vector<std::string>& other = nodes[ancestor].join_on;
    if (std::find(other.begin(), other.end(), label) != other.end()) shared.push_back(label);
  }
  return shared;
}

bool Model::detached(int node, int ancestor) const {
  int below = node;
  for (int a : conditioned_ancestors(node)) {
    if (shared_join(below, a).empty()) return true;
    if (a == ancestor) return false;
    below = a;
  }
  return false;
}

const std::vector<std::string>& Model::series_join(int node) const {
  return nodes[node].join_on.empty() ? join_on : nodes[node].join_on;
}

std::vector<std::string> Model::all_join_labels() const {
  std::vector<std::string> labels = join_on;
  for (const Node& node : nodes) {
    for (const std::string& label : node.join_on) {
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    }
  }
  return labels;
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
