// alertmanager.yml and routes.test, from the model's routing tree, inhibitions
// and receivers.
#include "generator/emit/alertmanager_emitter.h"

#include <cctype>
#include <map>
#include <set>

#include "common/join.h"
#include "common/quoting.h"
#include "generator/emit/yaml_writer.h"
#include "generator/model/inhibitions.h"
#include "generator/model/receiver_schema.h"
#include "generator/model/routing.h"

namespace symptree {
namespace {

// Appends block YAML line by line; each call names its indentation.
class Lines {
 public:
  void line(int indent, const std::string& text) { out_ += std::string(indent, ' ') + text + "\n"; }
  void entry(int indent, const std::string& key, const std::string& value) {
    line(indent, key + ": " + yaml_inline_scalar(value));
  }
  void list(int indent, const std::string& key, const std::vector<std::string>& items) {
    line(indent, key + ":");
    for (const std::string& item : items) line(indent + 2, "- " + yaml_inline_scalar(item));
  }
  void raw(const std::string& text) { out_ += text; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::vector<std::string> formatted(const std::vector<AmMatcher>& matchers) {
  std::vector<std::string> out;
  for (const AmMatcher& m : matchers) out.push_back(format_matcher(m));
  return out;
}

// A route as a list item at `indent` ("- " included), its children below.
void write_route(Lines& out, const AmRoute& route, int indent) {
  if (!route.comment.empty()) out.line(indent, "# " + route.comment);
  Lines body;
  int in = indent + 2;
  if (!route.matchers.empty()) body.list(in, "matchers", formatted(route.matchers));
  if (!route.receiver.empty()) body.entry(in, "receiver", route.receiver);
  if (!route.group_by.empty()) body.list(in, "group_by", route.group_by);
  if (route.group_wait) body.entry(in, "group_wait", route.group_wait->text);
  if (route.group_interval) body.entry(in, "group_interval", route.group_interval->text);
  if (route.repeat_interval) body.entry(in, "repeat_interval", route.repeat_interval->text);
  if (route.continue_matching) body.line(in, "continue: true");
  if (!route.mute_time_intervals.empty()) body.list(in, "mute_time_intervals", route.mute_time_intervals);
  if (!route.active_time_intervals.empty()) body.list(in, "active_time_intervals", route.active_time_intervals);
  if (!route.routes.empty()) {
    body.line(in, "routes:");
    for (const AmRoute& child : route.routes) write_route(body, child, in + 2);
  }
  // The body's first line becomes the list item: "- matchers:".
  std::string text = body.take();
  if (text.empty()) text = std::string(static_cast<size_t>(in), ' ') + "{}\n";
  text.replace(static_cast<size_t>(indent), 2, "- ");
  out.raw(text);
}

void write_root(Lines& out, const AmRoute& root) {
  out.line(0, "route:");
  out.entry(2, "receiver", root.receiver);
  out.list(2, "group_by", root.group_by);
  out.line(2, "routes:");
  for (const AmRoute& route : root.routes) write_route(out, route, 4);
}

void write_inhibit_rule(Lines& out, const AmInhibitRule& rule) {
  if (!rule.comment.empty()) out.line(2, "# " + rule.comment);
  out.line(2, "- source_matchers:");
  for (const std::string& m : formatted(rule.source)) out.line(6, "- " + yaml_inline_scalar(m));
  out.list(4, "target_matchers", formatted(rule.target));
  if (!rule.equal.empty()) out.list(4, "equal", rule.equal);
}

// Nested settings, rebuilt from the flattened "a.b.c" keys.
struct SettingTree {
  std::string value;
  bool leaf = false;
  std::map<std::string, SettingTree> children;
};

void write_settings(Lines& out, const SettingTree& tree, int indent, const ReceiverKind& kind, const std::string& path,
                    bool first_item) {
  bool first = first_item;
  for (const auto& [key, child] : tree.children) {
    std::string dotted = path.empty() ? key : path + "." + key;
    std::string lead = first ? "- " : "";
    int at = first ? indent - 2 : indent;
    first = false;
    if (!child.leaf) {
      out.line(at, lead + key + ":");
      write_settings(out, child, indent + 2, kind, dotted, false);
      continue;
    }
    const FieldSpec* field = find_field(kind, dotted);
    bool raw = field && (field->type == FieldType::Bool || field->type == FieldType::Int);
    out.line(at, lead + key + ": " + (raw ? child.value : yaml_inline_scalar(child.value)));
  }
}

void write_receiver(Lines& out, const Receiver& receiver) {
  const ReceiverKind* kind = find_receiver_kind(receiver.kind);
  out.line(2, "- name: " + yaml_inline_scalar(receiver.name));
  if (!kind) return;
  out.line(4, kind->config_list + ":");
  SettingTree tree;
  for (const auto& [dotted, value] : receiver.fields) {
    SettingTree* node = &tree;
    for (size_t start = 0;;) {
      size_t dot = dotted.find('.', start);
      node = &node->children[dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start)];
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    node->leaf = true;
    node->value = value;
  }
  write_settings(out, tree, 8, *kind, "", true);
}

const AmPassThrough* merged_section(const Model& model, const std::string& key) {
  for (const AmPassThrough& section : model.alertmanager.merged_sections) {
    if (section.key == key) return &section;
  }
  return nullptr;
}

void write_pass_through(Lines& out, const Model* merging, const std::string& key) {
  if (!merging) return;
  if (const AmPassThrough* section = merged_section(*merging, key)) {
    out.line(0, "# " + key + " from " + merging->alertmanager.merge_file);
    out.line(0, key + ":");
    out.raw(section->yaml);
  }
}

// The service whose merge file is written (all that have one share it); null when none has.
const Model* merging_service(const std::vector<ServicePlan>& services) {
  for (const ServicePlan& service : services) {
    if (!service.model->alertmanager.merge_file.empty()) return service.model;
  }
  return nullptr;
}

std::string header(const std::vector<ServicePlan>& services) {
  if (services.size() == 1) return generated_header(*services.front().model, "");
  std::vector<std::string> specs;
  for (const ServicePlan& service : services) specs.push_back(service.model->spec_name);
  return "Generated by symptree from " + join(specs, ", ") + "; do not edit.";
}

void write_inhibit_rules(Lines& out, const std::vector<ServicePlan>& services, const Model* merging) {
  std::vector<AmInhibitRule> rules;
  for (const ServicePlan& service : services) {
    for (AmInhibitRule& rule : generated_inhibit_rules(*service.model)) rules.push_back(std::move(rule));
  }
  if (merging) {
    for (AmInhibitRule rule : merging->alertmanager.merged_inhibit_rules) {
      rule.comment = "from " + merging->alertmanager.merge_file;
      rules.push_back(std::move(rule));
    }
  }
  if (rules.empty()) {
    out.line(0, "inhibit_rules: []");
    return;
  }
  out.line(0, "inhibit_rules:");
  for (const AmInhibitRule& rule : rules) write_inhibit_rule(out, rule);
}

void write_receivers(Lines& out, const std::vector<ServicePlan>& services, const Model* merging) {
  out.line(0, "receivers:");
  std::set<std::string> written;
  for (const ServicePlan& service : services) {
    for (const Receiver& receiver : service.model->receivers) {
      if (written.insert(receiver.name).second) write_receiver(out, receiver);
    }
  }
  if (const AmPassThrough* merged = merging ? merged_section(*merging, "receivers") : nullptr) {
    out.line(2, "# from " + merging->alertmanager.merge_file);
    out.raw(merged->yaml);
  }
}

// A label for amtool: bare when safe, double-quoted otherwise.
std::string label_argument(const std::string& name, const std::string& value) {
  bool bare = !value.empty();
  for (char c : value) {
    bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || std::string("_:./-").find(c) != std::string::npos);
  }
  return bare ? name + "=" + value : format_matcher(label_equals(name, value));
}

}  // namespace

std::string render_alertmanager_config(const std::vector<ServicePlan>& services, const AmRoute& routes) {
  const Model* merging = merging_service(services);
  Lines out;
  out.line(0, "# " + header(services));
  out.line(0, "# For Alertmanager " + services.front().model->alertmanager.version.text() +
                  " or newer. Check: amtool check-config alertmanager.yml; each alert's receiver: routes.test");
  write_pass_through(out, merging, "global");
  write_pass_through(out, merging, "templates");
  write_root(out, routes);
  write_inhibit_rules(out, services, merging);
  write_receivers(out, services, merging);
  write_pass_through(out, merging, "time_intervals");
  write_pass_through(out, merging, "mute_time_intervals");
  return out.take();
}

std::string render_route_tests(const std::vector<ServicePlan>& services, const AmRoute& routes) {
  Lines out;
  out.line(0, "# " + header(services));
  out.line(0, "# For every alert the rules can produce: the receivers it must reach, then its labels.");
  out.line(0, "# Check a line: amtool config routes test --config.file=alertmanager.yml --verify.receivers=RECEIVERS LABELS...");
  for (const ServicePlan& service : services) {
    for (const AlertRule& rule : service.alerts->rules) {
      LabelSet labels = alert_labels(rule);
      std::string receivers;
      for (const std::string& r : route_receivers(routes, labels)) receivers += (receivers.empty() ? "" : ",") + r;
      std::string line = receivers + " " + label_argument("alertname", rule.name);
      for (const auto& [name, value] : rule.labels) line += " " + label_argument(name, value);
      out.line(0, line);
    }
  }
  return out.take();
}

std::string render_alertmanager_config(const Model& model, const AmRoute& routes) {
  return render_alertmanager_config(std::vector<ServicePlan>{{&model, nullptr, ""}}, routes);
}

std::string render_route_tests(const Model& model, const AlertPlan& alerts, const AmRoute& routes) {
  return render_route_tests(std::vector<ServicePlan>{{&model, &alerts, ""}}, routes);
}

}  // namespace symptree
