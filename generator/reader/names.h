// The naming rules of the spec and of the ecosystem: ids, label and metric
// names, CamelCase alert names, and each name defined once.
#pragma once

#include <set>
#include <string>

#include "common/diagnostics.h"

namespace symptree {

bool is_snake_case(const std::string& name);   // [a-z][a-z0-9_]*: service names, node ids
bool is_label_name(const std::string& name);   // Prometheus label names
bool is_metric_name(const std::string& name);  // Prometheus metric names (colons allowed)
bool is_camel_case(const std::string& name);   // [A-Z][A-Za-z0-9]*: alert names
// "server_wont_start" -> "ServerWontStart" (also splits on '-').
std::string camel_case(const std::string& snake);

// Adds `name` to `taken`; when it is already there, reports "<what> '<name>' is
// defined twice" at `where` and returns false. The spec's receivers and
// priorities and the merge file's receivers share this one rule.
bool claim_name(std::set<std::string>& taken, const std::string& name, const std::string& what,
                const SourcePosition& where, Diagnostics& diagnostics);

}  // namespace symptree
