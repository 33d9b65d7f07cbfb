// Where the pipeline puts the outputs it assembles itself, relative to the
// output directory. Emitters that own a family of files (docs/, grafana/,
// prometheus/ per replica) name their own paths beside their renderers.
#pragma once

namespace symptree {

// The rule files (one per group: prometheus/rules/<group>.yml) and their
// tests (prometheus/tests/<group>.test.yml) are named by emit/rules_emitter.h
// and emit/tests_emitter.h.
constexpr const char* kRulesDir = "prometheus/rules/";
constexpr const char* kRuleTestsDir = "prometheus/tests/";
constexpr const char* kExporterConfigPath = "exporter/exporter.yml";
constexpr const char* kAlertmanagerConfigPath = "alertmanager/alertmanager.yml";
constexpr const char* kRouteTestsPath = "alertmanager/routes.test";

}  // namespace symptree
