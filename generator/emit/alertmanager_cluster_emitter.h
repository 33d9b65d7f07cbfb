// Rendering the command-line flags of each Alertmanager peer from the spec's
// `deployment:` section: alertmanager/cluster/<peer>.env, one line
// `ARGS="--cluster.listen-address=... --cluster.peer=<each other peer> ..."`
// that a systemd unit reads with EnvironmentFile= (Debian's
// prometheus-alertmanager unit reads /etc/default/prometheus-alertmanager) and
// a shell script with `. file`.
#pragma once

#include <string>

#include "generator/emit/output_set.h"
#include "generator/model/model.h"

namespace symptree {

// "alertmanager/cluster/<peer>.env".
std::string alertmanager_peer_env_path(const std::string& peer);

// The flags of peer number `peer` of model.deployment->alertmanagers, as
// they appear inside ARGS="...".
std::string alertmanager_peer_args(const Model& model, size_t peer);

// The whole file of peer number `peer`.
std::string render_alertmanager_peer_env(const Model& model, size_t peer);

// Adds one file per peer; nothing when the spec has no `deployment:`.
void add_alertmanager_cluster_files(const Model& model, OutputSet& outputs);

}  // namespace symptree
