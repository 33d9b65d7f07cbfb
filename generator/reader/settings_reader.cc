// Spec settings: identity, join labels, jobs, runbooks, test and absence
// timing, app metrics, and the flowchart's global commands.
#include "generator/reader/settings_reader.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/duration_field.h"
#include "generator/model/alert_plan.h"
#include "generator/reader/names.h"

namespace symptree {
namespace {

void read_identity(const MapReader& top, Model& model) {
  model.service = top.string("service", true).value_or("");
  model.service_where = top.where("service");
  if (!model.service.empty() && !is_snake_case(model.service)) {
    top.diagnostics().error(top.where("service"), "service '" + model.service + "' must match [a-z][a-z0-9_]*",
                            "it prefixes alert names and labels");
  }
  model.title = top.string("title").value_or(model.service);
  model.alert_prefix = top.string("alert_prefix").value_or(camel_case(model.service));
  if (!model.alert_prefix.empty() && !std::isupper(static_cast<unsigned char>(model.alert_prefix[0]))) {
    top.diagnostics().error(top.where("alert_prefix"), "alert_prefix '" + model.alert_prefix +
                                                           "' must start with a capital letter (alert names are CamelCase)");
  }
}

void read_join_on(const MapReader& top, Model& model) {
  if (!top.has("join_on")) {
    model.join_on = {"host"};
    return;
  }
  model.join_on = top.string_list("join_on");
  if (!top.get("join_on").IsSequence()) return;  // string_list reported the wrong type
  if (model.join_on.empty()) {
    top.diagnostics().error(top.where("join_on"), "'join_on' must name at least one label",
                            "a cause and its symptom are tied by a label both carry for the same host, e.g. [host]");
  }
  check_join_labels(top, "join_on");
}

void read_jobs(const MapReader& top, Model& model) {
  model.service_job = model.service;
  model.exporter_job = "symptree-exporter";
  YamlNode jobs = top.mapping("jobs");
  if (!jobs.IsDefined()) return;
  MapReader map(top.file(), jobs, "'jobs'", {"service", "exporter"}, top.diagnostics());
  model.service_job = map.string("service").value_or(model.service_job);
  model.exporter_job = map.string("exporter").value_or(model.exporter_job);
}

void read_runbooks(const MapReader& top, Model& model) {
  YamlNode runbooks = top.mapping("runbooks", true);
  if (!runbooks.IsDefined()) return;
  MapReader map(top.file(), runbooks, "'runbooks'", {"base_url", "dir"}, top.diagnostics());
  model.runbook_base_url = map.string("base_url", true).value_or("");
  const std::string& url = model.runbook_base_url;
  if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    top.diagnostics().error(map.where("base_url"), "'base_url' must be an http:// or https:// URL, got '" + url + "'");
  }
  if (!url.empty() && url.back() != '/') model.runbook_base_url += "/";
  model.runbook_dir = map.string("dir").value_or("");
  model.runbook_dir_where = map.where("dir");
}

void read_timing(const MapReader& top, Model& model) {
  model.test_interval = duration_from_ms(60000);
  model.absence_for = duration_from_ms(5 * 60000);
  if (YamlNode tests = top.mapping("tests"); tests.IsDefined()) {
    MapReader map(top.file(), tests, "'tests'", {"interval"}, top.diagnostics());
    model.test_interval = read_positive_duration(map, "interval", "1m or 1h30m").value_or(model.test_interval);
    if (map.has("interval")) model.test_interval_where = map.where("interval");
  }
  // A default `for` is too long to test only with a tiny interval: point there.
  model.absence_for_where = model.test_interval_where.line > 0 ? model.test_interval_where : top.where();
  if (YamlNode absence = top.mapping("absence"); absence.IsDefined()) {
    MapReader map(top.file(), absence, "'absence'", {"for"}, top.diagnostics());
    model.absence_for = read_positive_duration(map, "for", "1m or 1h30m").value_or(model.absence_for);
    if (map.has("for")) model.absence_for_where = map.where("for");
  }
}

void read_app_metrics(const MapReader& top, Model& model) {
  YamlNode list = top.sequence("app_metrics");
  if (!list.IsDefined()) return;
  std::set<std::string> seen;
  for (const YamlNode& item : list) {
    AppMetric metric;
    metric.where = top.file().position(item);
    if (item.IsMap()) {
      MapReader map(top.file(), item, "an app metric", {"name", "absence_alert"}, top.diagnostics());
      metric.name = map.string("name", true).value_or("");
      metric.absence_alert = map.boolean("absence_alert").value_or(true);
    } else if (std::optional<std::string> name = read_scalar(top.file(), item, "an app metric", top.diagnostics())) {
      metric.name = *name;
    }
    if (metric.name.empty()) continue;
    if (!is_metric_name(metric.name)) {
      top.diagnostics().error(metric.where, "'" + metric.name + "' is not a valid metric name");
    } else if (!seen.insert(metric.name).second) {
      top.diagnostics().error(metric.where, "app metric '" + metric.name + "' is listed twice");
    }
    model.app_metrics.push_back(metric);
  }
}

void read_escalation(const MapReader& top, Model& model) {
  YamlNode escalation = top.mapping("escalation");
  if (!escalation.IsDefined()) return;
  MapReader map(top.file(), escalation, "'escalation'", {"steps", "bundle", "contacts"}, top.diagnostics());
  model.escalation.steps = map.string_list("steps");
  model.escalation.contacts = map.string_list("contacts");
  YamlNode bundle = map.sequence("bundle");
  if (!bundle.IsDefined()) return;
  std::set<std::string> files;
  for (const YamlNode& item : bundle) {
    MapReader entry(top.file(), item, "a bundle command", {"run", "file"}, top.diagnostics());
    if (!entry.valid()) continue;
    BundleCommand command{entry.string("run", true).value_or(""), entry.string("file", true).value_or(""),
                          entry.where()};
    if (command.file.find('/') != std::string::npos || command.file == "..") {
      top.diagnostics().error(entry.where("file"), "bundle file '" + command.file + "' must be a plain file name");
    } else if (!command.file.empty() && !files.insert(command.file).second) {
      top.diagnostics().error(entry.where("file"), "bundle file '" + command.file + "' is written twice");
    }
    model.escalation.bundle.push_back(command);
  }
}

}  // namespace

bool check_join_labels(const MapReader& map, const std::string& key) {
  bool valid = true;
  std::set<std::string> seen;
  for (const YamlNode& item : map.get(key)) {
    if (!item.IsScalar() || item.Scalar().empty()) continue;  // string_list reported it
    const std::string& label = item.Scalar();
    SourcePosition where = map.file().position(item);
    if (!seen.insert(label).second) {
      map.diagnostics().error(where, "'join_on' names '" + label + "' twice");
    } else if (!is_label_name(label)) {
      map.diagnostics().error(where, "'" + label + "' is not a valid label name");
    } else if (label == "instance" || label == "job") {
      map.diagnostics().error(where, "'join_on' cannot use '" + label + "'",
                              "the service and symptree-exporter are different scrape targets, so their '" + label +
                                  "' labels differ; join on a label both carry for the same host, e.g. host");
    } else if (std::find(reserved_alert_labels().begin(), reserved_alert_labels().end(), label) !=
               reserved_alert_labels().end()) {
      map.diagnostics().error(where, "'join_on' cannot use '" + label + "': symptree sets it on every alert",
                              "join on a label the series carry, e.g. host, namespace or node");
    } else {
      continue;
    }
    valid = false;
  }
  return valid;
}

std::vector<DiagnosticCommand> read_commands(const MapReader& parent, const std::string& key) {
  std::vector<DiagnosticCommand> commands;
  YamlNode list = parent.sequence(key);
  if (!list.IsDefined()) return commands;
  for (const YamlNode& item : list) {
    MapReader entry(parent.file(), item, "a diagnostic command", {"run", "why"}, parent.diagnostics());
    if (!entry.valid()) continue;
    commands.push_back({entry.string("run", true).value_or(""), entry.string("why").value_or(""), entry.where()});
  }
  return commands;
}

void read_settings(const MapReader& top, Model& model) {
  read_identity(top, model);
  read_join_on(top, model);
  read_jobs(top, model);
  read_runbooks(top, model);
  read_timing(top, model);
  read_app_metrics(top, model);
  model.always_check = read_commands(top, "always_check");
  read_escalation(top, model);
}

}  // namespace symptree
