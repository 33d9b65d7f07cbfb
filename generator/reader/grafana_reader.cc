// Reading and validating `grafana:`.
#include "generator/reader/grafana_reader.h"

#include <cctype>

namespace symptree {
namespace {

constexpr size_t kMaxUidLength = 40;  // Grafana refuses longer dashboard uids

bool is_uid(const std::string& uid) {
  if (uid.empty() || uid.size() > kMaxUidLength) return false;
  for (char c : uid) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

void read_url(const MapReader& map, GrafanaSettings& grafana) {
  grafana.url = map.string("url").value_or("");
  if (grafana.url.empty()) return;
  if (grafana.url.rfind("http://", 0) != 0 && grafana.url.rfind("https://", 0) != 0) {
    map.diagnostics().error(map.where("url"), "'url' must be an http:// or https:// URL, got '" + grafana.url + "'",
                            "the Grafana that serves the dashboard, e.g. https://grafana.example.com");
  } else if (grafana.url.find_first_of("?#{} \"") != std::string::npos) {
    map.diagnostics().error(map.where("url"), "'url' must be Grafana's base URL, without a query, fragment or spaces",
                            "alerts append /d/<uid>?viewPanel=... to it");
  }
  while (!grafana.url.empty() && grafana.url.back() == '/') grafana.url.pop_back();
}

}  // namespace

void read_grafana(const MapReader& top, Model& model) {
  YamlNode section = top.mapping("grafana");
  if (!section.IsDefined()) return;
  MapReader map(top.file(), section, "'grafana'", {"url", "uid"}, top.diagnostics());
  if (!map.valid()) return;
  model.grafana.where = map.where();
  read_url(map, model.grafana);
  model.grafana.uid = map.string("uid").value_or("");
  if (!model.grafana.uid.empty() && !is_uid(model.grafana.uid)) {
    top.diagnostics().error(map.where("uid"), "dashboard uid '" + model.grafana.uid +
                                                  "' must be 1 to 40 letters, digits, '-' or '_'",
                            "Grafana refuses other uids; omit it to use '" + model.service + "-flowchart'");
  }
}

}  // namespace symptree
