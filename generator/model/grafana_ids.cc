// The dashboard's uid, file name, panel ids and alert links.
#include "generator/model/grafana_ids.h"

#include <algorithm>

#include <openssl/sha.h>

#include <cstdio>

namespace symptree {
namespace {

constexpr size_t kMaxUidLength = 40;  // Grafana's limit

// Eight hex digits of sha256(text), to keep shortened uids distinct.
std::string short_hash(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
  return hex;
}

}  // namespace

std::string dashboard_uid(const Model& model) {
  if (!model.grafana.uid.empty()) return model.grafana.uid;
  std::string uid = model.service + "-flowchart";
  if (uid.size() <= kMaxUidLength) return uid;
  return model.service.substr(0, kMaxUidLength - 19) + "-flowchart-" + short_hash(model.service);
}

std::string dashboard_path(const Model& model) { return "grafana/" + model.service + "-flowchart.json"; }

int node_panel_id(int node) { return 100 + 2 * node; }
int section_row_id(int node) { return 101 + 2 * node; }

std::string dashboard_url_template(const Model& model, int node) {
  if (model.grafana.url.empty()) return "";
  std::string url = model.grafana.url + "/d/" + dashboard_uid(model) + "?viewPanel=" + std::to_string(node_panel_id(node));
  if (model.is_cluster(node)) return url;  // no join_on labels to choose a host by
  const std::vector<std::string>& own = model.join_of(node);
  for (const std::string& label : model.join_on) {  // the dashboard's variables the alert carries
    if (std::find(own.begin(), own.end(), label) != own.end()) url += "&var-" + label + "={{ $labels." + label + " }}";
  }
  const std::optional<Condition>& when = model.nodes[node].when;
  if (when && when->analysis.keeps_series_labels) url += "&var-instance={{ $labels.instance }}";
  return url;
}

}  // namespace symptree
