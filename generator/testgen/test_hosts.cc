// Test hosts and the labels of their series and targets.
#include "generator/testgen/test_hosts.h"

#include "common/quoting.h"

namespace symptree {

std::string host_suffix(TestHost host) { return std::string("-") + static_cast<char>('a' + static_cast<int>(host)); }

std::string series_selector(const std::string& metric, const std::map<std::string, std::string>& labels) {
  std::string out;
  out.reserve(metric.size() + 2 + labels.size() * 32);
  out += metric;
  out += '{';
  bool first = true;
  for (const auto& [label, value] : labels) {
    if (!first) out += ',';
    out += label;
    out += '=';
    append_double_quoted(out, value);
    first = false;
  }
  out += '}';
  return out;
}

namespace {

// The value of join label `label` on `host`: made up, or pinned on host A.
std::string host_value(const std::string& label, TestHost host, const PinnedValues& pins) {
  auto pinned = pins.find(label);
  if (host == TestHost::A && pinned != pins.end()) return pinned->second;
  return label + host_suffix(host);
}

}  // namespace

std::map<std::string, std::string> host_labels(const std::vector<std::string>& join, TestHost host,
                                               const PinnedValues& pins) {
  std::map<std::string, std::string> labels;
  for (const std::string& label : join) labels[label] = host_value(label, host, pins);
  return labels;
}

std::map<std::string, std::string> host_labels(const Model& model, TestHost host) {
  return host_labels(model.join_on, host);
}

std::map<std::string, std::string> host_labels(const Model& model, int node, TestHost host,
                                               const PinnedValues& pins) {
  return host_labels(model.series_join(node), host, pins);
}

std::map<std::string, std::string> source_target(const std::vector<std::string>& join, const Source& source,
                                                 TestHost host, const PinnedValues& pins) {
  std::map<std::string, std::string> labels;
  for (const std::string& label : join) {
    if (source.carries(label)) labels[label] = host_value(label, host, pins);
  }
  std::string first = labels.empty() ? source.name + host_suffix(host) : labels.begin()->second;
  labels["instance"] = first + ":" + source.name;
  labels["job"] = source.job;
  return labels;
}

std::map<std::string, std::string> source_target(const Model& model, const Source& source, TestHost host) {
  return source_target(model.join_on, source, host);
}

}  // namespace symptree
