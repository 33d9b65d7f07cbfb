// The Incident Priority Matrix and the receivers it pages.
#include "generator/reader/priority_reader.h"

#include <set>

#include "common/duration_field.h"
#include "generator/reader/names.h"
#include "generator/reader/receiver_reader.h"

namespace symptree {
namespace {

const std::vector<std::string>& severities() {
  static const std::vector<std::string> all = {"critical", "warning", "info"};
  return all;
}

const std::vector<std::string>& receiver_kinds() {
  static const std::vector<std::string> all = {"webhook", "email", "slack", "pagerduty", "opsgenie"};
  return all;
}

Priority read_priority(const MapReader& top, const YamlNode& name, const YamlNode& value) {
  Priority priority;
  priority.name = name.Scalar();
  priority.where = top.file().position(name);
  MapReader map(top.file(), value, "priority '" + priority.name + "'",
                {"label", "response", "severity", "receiver", "examples"}, top.diagnostics());
  if (!map.valid()) return priority;
  priority.label = map.string("label").value_or(priority.name);
  if (std::optional<Duration> response = read_positive_duration(map, "response", "15m or 4h", true)) {
    priority.response = *response;
  }
  priority.severity = map.string("severity", true).value_or("");
  bool known = false;
  for (const std::string& s : severities()) known = known || s == priority.severity;
  if (!priority.severity.empty() && !known) {
    top.diagnostics().error(map.where("severity"), "unknown severity '" + priority.severity + "'",
                            suggestion(priority.severity, severities()));
  }
  priority.receiver = map.string("receiver", true).value_or("");
  priority.examples = map.string_list("examples");
  return priority;
}

Receiver read_receiver(const MapReader& top, const YamlNode& name, const YamlNode& value) {
  Receiver receiver;
  receiver.name = name.Scalar();
  receiver.where = top.file().position(name);
  MapReader map(top.file(), value, "receiver '" + receiver.name + "'", receiver_kinds(), top.diagnostics());
  if (!map.valid()) return receiver;
  for (const auto& entry : value) {
    const std::string kind = entry.first.Scalar();
    if (!receiver.kind.empty()) {
      top.diagnostics().error(top.file().position(entry.first),
                              "receiver '" + receiver.name + "' has more than one kind ('" + receiver.kind + "' and '" +
                                  kind + "')",
                              "define one receiver per kind and route to each");
      continue;
    }
    receiver.kind = kind;
    if (!entry.second.IsMap()) {
      top.diagnostics().error(top.file().position(entry.second),
                              "'" + kind + "' must be a mapping of settings, got " + describe_node_type(entry.second));
      continue;
    }
    read_receiver_fields(top.file(), entry.second, "", receiver, top.diagnostics());
  }
  if (receiver.kind.empty()) {
    top.diagnostics().error(receiver.where, "receiver '" + receiver.name + "' names no kind",
                            "give one of: webhook, email, slack, pagerduty, opsgenie");
  }
  return receiver;
}

}  // namespace

void read_priorities(const MapReader& top, Model& model) {
  YamlNode matrix = top.mapping("priorities", true);
  if (!matrix.IsDefined()) return;
  std::set<std::string> seen;
  for (const auto& entry : matrix) {
    if (!entry.first.IsScalar()) continue;
    if (!claim_name(seen, entry.first.Scalar(), "priority", top.file().position(entry.first), top.diagnostics())) continue;
    model.priorities.push_back(read_priority(top, entry.first, entry.second));
  }
  if (model.priorities.empty()) {
    top.diagnostics().error(top.where("priorities"), "'priorities' is empty", "define at least one, e.g. P0");
  }
}

void read_receivers(const MapReader& top, Model& model) {
  YamlNode receivers = top.mapping("receivers", true);
  if (receivers.IsDefined()) {
    std::set<std::string> seen;
    for (const auto& entry : receivers) {
      if (!entry.first.IsScalar()) continue;
      if (!claim_name(seen, entry.first.Scalar(), "receiver", top.file().position(entry.first), top.diagnostics())) {
        continue;
      }
      model.receivers.push_back(read_receiver(top, entry.first, entry.second));
    }
  }
  std::set<std::string> names;
  for (const Receiver& r : model.receivers) names.insert(r.name);
  std::vector<std::string> known(names.begin(), names.end());
  const YamlNode matrix = top.get("priorities");
  for (const Priority& p : model.priorities) {
    if (!p.receiver.empty() && !names.count(p.receiver)) {
      SourcePosition where = p.where;
      if (const YamlNode row = matrix[p.name]; row && row.IsMap() && row["receiver"]) where = top.file().position(row["receiver"]);
      top.diagnostics().error(where, "priority '" + p.name + "' pages unknown receiver '" + p.receiver + "'",
                              known.empty() ? "define it under 'receivers'" : suggestion(p.receiver, known));
    }
  }
}

}  // namespace symptree
