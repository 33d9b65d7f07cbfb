// alertmanager/cluster/<peer>.env from `deployment.alertmanagers`.
#include "generator/emit/alertmanager_cluster_emitter.h"

#include "common/host_port.h"
#include "generator/emit/yaml_writer.h"

namespace symptree {
namespace {

// Where a listener binds. Alertmanager binds an IP, not a name: a peer written
// with an IP listens on it alone (so 127.0.0.1 stays on loopback; gossip also
// advertises it); one written with a DNS name listens on every interface
// (gossip then advertises the private address Alertmanager finds, and fails
// to start without one: docs/spec.md recommends IPs for `cluster`).
std::string listen_address(const std::string& address, const std::string& any_interface) {
  return is_ip_literal(host_of(address)) ? address : any_interface + port_of(address);
}

}  // namespace

std::string alertmanager_peer_env_path(const std::string& peer) { return "alertmanager/cluster/" + peer + ".env"; }

std::string alertmanager_peer_args(const Model& model, size_t peer) {
  const std::vector<AlertmanagerPeer>& peers = model.deployment->alertmanagers;
  const AlertmanagerPeer& self = peers[peer];
  std::string args = "--web.listen-address=" + listen_address(self.address, ":");
  if (self.cluster.empty()) return args + " --cluster.listen-address=";  // the only peer: no gossip
  args += " --cluster.listen-address=" + listen_address(self.cluster, "0.0.0.0:");
  for (size_t i = 0; i < peers.size(); ++i) {
    if (i != peer) args += " --cluster.peer=" + peers[i].cluster;
  }
  return args;
}

std::string render_alertmanager_peer_env(const Model& model, size_t peer) {
  const std::vector<AlertmanagerPeer>& peers = model.deployment->alertmanagers;
  std::string names;
  for (const AlertmanagerPeer& p : peers) names += (names.empty() ? "" : ", ") + p.name;
  std::string text = generated_header(model) + "\n";
  text += "# Flags of Alertmanager " + peers[peer].name + ", one of " + std::to_string(peers.size()) + " peers (" +
          names + "); Prometheus sends to all of them.\n";
  text += "# Debian: copy to /etc/default/prometheus-alertmanager, whose ARGS the packaged unit passes;\n";
  text += "# systemd: EnvironmentFile= and ExecStart=... $ARGS; a shell: . ./" + peers[peer].name +
          ".env && alertmanager $ARGS\n";
  text += "# Every peer loads the same alertmanager.yml (--config.file).\n";
  // Addresses are validated host:port: no quotes, spaces or $ to escape.
  text += "ARGS=\"" + alertmanager_peer_args(model, peer) + "\"\n";
  return text;
}

void add_alertmanager_cluster_files(const Model& model, OutputSet& outputs) {
  if (!model.deployment) return;
  for (size_t i = 0; i < model.deployment->alertmanagers.size(); ++i) {
    outputs.add(alertmanager_peer_env_path(model.deployment->alertmanagers[i].name),
                render_alertmanager_peer_env(model, i));
  }
}

}  // namespace symptree
