// GitHub-style heading anchors, the "one key" that ties alerts, dashboards and
// docs to a runbook section.
#pragma once

#include <string>

namespace symptree {

// "Port Conflict" -> "port-conflict"; "TLS Error" -> "tls-error".
std::string github_slug(const std::string& heading);

}  // namespace symptree
