// Where the pipeline puts the outputs it assembles itself, relative to the
// output directory. Emitters that own a family of files (docs/, grafana/,
// prometheus/ per replica) name their own paths beside their renderers.
#pragma once

namespace symptree {

constexpr const char* kRulesPath = "prometheus/rules.yml";
constexpr const char* kRuleTestsPath = "prometheus/rules.test.yml";
constexpr const char* kExporterConfigPath = "exporter/exporter.yml";
constexpr const char* kAlertmanagerConfigPath = "alertmanager/alertmanager.yml";
constexpr const char* kRouteTestsPath = "alertmanager/routes.test";

}  // namespace symptree
