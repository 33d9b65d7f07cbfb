// Linting the dashboard panel by panel, as it is rendered.
#include "generator/check/dashboard_lint.h"

#include <memory>
#include <set>

namespace symptree {
namespace {

using Json = nlohmann::ordered_json;

std::string text_at(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// object[key], or an empty JSON value when absent (no copy either way).
const Json& member(const Json& object, const char* key) {
  static const Json empty;
  auto it = object.find(key);
  return it == object.end() ? empty : *it;
}

// The lints of one dashboard, with the panel ids seen so far.
class Linter {
 public:
  Linter(const Model& model, Diagnostics& diagnostics) : model_(model), diagnostics_(diagnostics) {}

  void dashboard(const Json& dashboard) {
    SourcePosition where = model_.grafana.uid.empty() ? SourcePosition{model_.spec_name, 0, 0} : model_.grafana.where;
    std::string uid = text_at(dashboard, "uid");
    if (uid.empty() || uid.size() > 40) report(where, "the dashboard's uid '" + uid + "' must be 1 to 40 characters");
    if (dashboard.value("editable", true)) report(where, "the dashboard must not be editable");
    std::set<std::string> variables;
    for (const Json& variable : dashboard.value("templating", Json::object()).value("list", Json::array())) variables.insert(text_at(variable, "name"));
    for (const char* name : {"datasource", "job", "instance"}) {
      if (!variables.count(name)) report(where, std::string("the dashboard lacks the template variable '") + name + "'");
    }
  }

  void panel(const Json& panel, int node) {
    where_ = node >= 0 ? model_.nodes[node].where : SourcePosition{model_.spec_name, 0, 0};
    node_ = node;
    name_ = "dashboard panel '" + text_at(panel, "title") + "' (id " + panel.value("id", Json(0)).dump() + ")";
    if (!ids_.insert(panel.value("id", -1)).second) report(where_, name_ + " reuses an id");
    if (text_at(panel, "type") == "row") return;
    if (text_at(panel, "title").empty()) report(where_, name_ + " has no title", "give the node a `title`");
    if (text_at(panel, "description").empty()) report(where_, name_ + " has no description");
    for (const Json& link : member(panel, "links")) {
      if (text_at(link, "url").empty()) report(where_, name_ + " has a link without a URL");
    }
    if (text_at(panel, "type") != "text") queries(panel);
  }

 private:
  void queries(const Json& panel) {
    if (text_at(member(member(panel, "fieldConfig"), "defaults"), "unit").empty()) report(where_, name_ + " has no unit");
    const Json& targets = member(panel, "targets");
    if (targets.empty()) report(where_, name_ + " has no query");
    for (const Json& target : targets) {
      std::string expr = text_at(target, "expr");
      // A cluster-scoped panel shows the whole cluster: $job only.
      bool per_host = node_ < 0 || !model_.is_cluster(node_);
      if (expr.find("$job") == std::string::npos || (per_host && expr.find("$instance") == std::string::npos)) {
        report(where_, name_ + ": query '" + expr + "' does not use the $job" +
                           (per_host ? " and $instance variables" : " variable"),
               "a condition must read at least one metric for its panel to show it");
      }
      const Json& datasource = target.contains("datasource") ? target["datasource"] : member(panel, "datasource");
      if (text_at(datasource, "uid") != "${datasource}") {
        report(where_, name_ + ": query '" + expr + "' does not use the $datasource data source");
      }
    }
  }

  void report(const SourcePosition& where, const std::string& message, const std::string& hint = "") {
    diagnostics_.error(where, message, hint);
  }

  const Model& model_;
  Diagnostics& diagnostics_;
  std::set<long long> ids_;
  SourcePosition where_;
  int node_ = -1;  // the panel's node, -1 for the top row
  std::string name_;
};

}  // namespace

DashboardInspector dashboard_lint(const Model& model, Diagnostics& diagnostics) {
  auto linter = std::make_shared<Linter>(model, diagnostics);
  return {[linter](const Json& dashboard) { linter->dashboard(dashboard); },
          [linter](const Json& panel, int node) { linter->panel(panel, node); }};
}

}  // namespace symptree
