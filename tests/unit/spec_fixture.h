// A small valid spec for unit tests, and helpers to load variations of it:
// expect_error asserts the first error's position and words, load_ok/compile_ok assert that a text loads or compiles (ninja's
// AssertParse), first_error/first_diagnostic give the first error ("" when
// there is none).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "common/diagnostics.h"
#include "generator/pipeline/compiler.h"
#include "generator/reader/spec_loader.h"

namespace symptree::testing {

// Every rule file of a compile (prometheus/rules/<group>.yml) read into one
// document, {groups: [...]}, in the order of the groups.
inline YAML::Node all_rule_groups(const Compilation& c) {
  YAML::Node all;
  for (const std::string& group : c.alerts.groups) {
    YAML::Node file = YAML::Load(c.outputs.files().at("prometheus/rules/" + group + ".yml"));
    for (const YAML::Node& g : file["groups"]) all["groups"].push_back(g);
  }
  return all;
}

// Two symptoms: one with two derived causes (one two levels deep), one with
// an examples-based cause from another scrape target, and a manual leaf.
inline std::string small_spec() {
  return R"(version: 1
service: shop
alert_prefix: Shop
runbooks: {base_url: "https://runbooks.example.com/shop"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
  P2: {response: 4h, severity: warning, receiver: tickets}
receivers:
  pager: {pagerduty: {routing_key_file: /etc/am/pd}}
  tickets: {webhook: {url: "http://127.0.0.1:9095/"}}
host:
  filesystems: [{name: data, path: /var/lib/shop}]
  processes: [{name: shop-api}]
  ports: [{port: 8080, owner: shop-api}]
app_metrics: [shop_request_errors_total, shop_queue_depth]
symptoms:
  - id: api_down
    title: API is down
    priority: P0
    when: 'symptree_process_up{name="shop-api"} == 0'
    for: 2m
    runbook: runbooks/api-down.md
    diagnostics: [{run: "ss -ltnp | grep 8080", why: Who holds the port}]
    causes:
      - id: port_taken
        title: Port taken?
        when: 'symptree_port_foreign_owner{port="8080"} == 1'
        runbook: runbooks/api-down.md
        section: Port Taken
        causes:
          - id: disk_nearly_full
            title: Disk nearly full too?
            priority: P2
            when: 'symptree_filesystem_used_ratio{name="data"} > 0.9'
            runbook: runbooks/disk.md#nearly-full
      - id: restart_by_hand
        title: Restart by hand?
        manual: An operator decision
        runbook: runbooks/api-down.md#restart
  - id: queue_backlog
    title: Queue backlog
    priority: P2
    when: 'shop_queue_depth > 1000'
    runbook: runbooks/queue.md
    causes:
      - id: errors_rising
        title: Errors rising?
        when: 'sum by (host) (rate(shop_request_errors_total[5m])) > 0.5'
        runbook: runbooks/queue.md#errors
        examples:
          warmup: 1m
          firing: [{series: 'shop_request_errors_total', values: '0+60x20'}]
          quiet: [{series: 'shop_request_errors_total', values: '0+0x20'}]
)";
}

// The small spec's two receivers as written.
inline const std::string kPager = "pager: {pagerduty: {routing_key_file: /etc/am/pd}}";
inline const std::string kTickets = "tickets: {webhook: {url: \"http://127.0.0.1:9095/\"}}";

// Loads `text` as spec.yaml; the diagnostics explain a failure.
inline std::optional<Model> load(const std::string& text, Diagnostics& diagnostics) {
  return load_spec_text("spec.yaml", text, diagnostics);
}

// Compiles `text` without promtool.
inline std::optional<Compilation> compile(const std::string& text, Diagnostics& diagnostics) {
  CheckOptions options;
  options.use_promtool = false;
  return compile_spec_text("spec.yaml", text, options, diagnostics);
}

// Loads `text`, which must load; the diagnostics are shown when it does not.
inline Model load_ok(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<Model> model = load(text, diagnostics);
  REQUIRE_MESSAGE(model, diagnostics.format());
  return std::move(*model);
}

// Compiles `text` without promtool; it must compile.
inline Compilation compile_ok(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<Compilation> compilation = compile(text, diagnostics);
  REQUIRE_MESSAGE(compilation, diagnostics.format());
  return std::move(*compilation);
}

// Loads `text` (which must load), runs `check` on the model: the diagnostics as printed.
template <typename Check>
std::string checked(const std::string& text, Check check) {
  Model model = load_ok(text);
  Diagnostics d;
  check(model, d);
  return d.format();
}

// A check of a loaded model (check/) run alone: picks the overload of a
// check that also has one taking what several checks share.
using ModelCheck = void (*)(const Model&, Diagnostics&);
inline std::string checked(const std::string& text, ModelCheck check) { return checked<ModelCheck>(text, check); }

// Loads `text`: its first error, or an empty Diagnostic (message "") when it loads.
inline Diagnostic first_diagnostic(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<Model> model = load(text, diagnostics);
  if (model) return {};
  REQUIRE(!diagnostics.errors().empty());
  return diagnostics.errors().front();
}

// The message of the first error of `text`; "" when it loads.
inline std::string first_error(const std::string& text) { return first_diagnostic(text).message; }

// 1-based line and column of the first occurrence of `needle` in `text`.
inline std::pair<int, int> line_column_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(at - line_start) + 1};
}

// The settings of a spec joined on namespace, with one priority paging
// `pager`: a test appends its metrics (`app_metrics:` or `sources:`) and symptoms.
inline std::string namespace_spec_settings() {
  return R"(version: 1
service: shop
join_on: [namespace]
runbooks: {base_url: "https://runbooks.example.com/shop"}
priorities:
  P0: {response: 15m, severity: critical, receiver: pager}
receivers:
  pager: {pagerduty: {routing_key_file: /etc/am/pd}}
)";
}

// The settings of namespace_spec_settings(), `sources` (a `sources:` list's
// items), and a pod symptom "restarts" (kube_restarts > 2, with
// `symptom_lines` added) over one cause "oom" whose condition is `when`.
inline std::string pod_restarts_spec(const std::string& sources, const std::string& symptom_lines,
                                     const std::string& when) {
  return namespace_spec_settings() + "sources:\n" + sources + R"(symptoms:
  - id: restarts
    title: Restarts
    priority: P0
    runbook: r.md
)" + symptom_lines + R"(    when: 'kube_restarts > 2'
    causes:
      - id: oom
        title: OOM?
        when: ')" + when + R"('
        runbook: r.md
)";
}

// Loads `spec`, which must fail with its first error at the first `needle`,
// its message holding `message` and its hint holding `hint`.
inline void expect_error(const std::string& spec, const std::string& needle, const std::string& message,
                         const std::string& hint = "") {
  Diagnostics diagnostics;
  std::optional<Model> model = load(spec, diagnostics);
  INFO(diagnostics.format());
  CHECK_FALSE(model);
  REQUIRE(diagnostics.count() >= 1);
  const Diagnostic& error = diagnostics.errors().front();
  auto [line, column] = line_column_of(spec, needle);
  CHECK(error.where.file == "spec.yaml");
  CHECK(error.where.line == line);
  CHECK(error.where.column == column);
  CHECK(error.message.find(message) != std::string::npos);
  CHECK(error.hint.find(hint) != std::string::npos);
}

// Compiles `spec` (without promtool), which must fail with an error at the
// first `needle` (the checks that need the whole model run at compile time),
// its message holding `message` and its hint holding `hint`.
inline void expect_compile_error(const std::string& spec, const std::string& needle, const std::string& message,
                                 const std::string& hint = "") {
  Diagnostics diagnostics;
  std::optional<Compilation> compilation = compile(spec, diagnostics);
  INFO(diagnostics.format());
  CHECK_FALSE(compilation);
  auto [line, column] = line_column_of(spec, needle);
  bool found = false;
  for (const Diagnostic& error : diagnostics.errors()) {
    found = found || (error.where.line == line && error.where.column == column &&
                      error.message.find(message) != std::string::npos && error.hint.find(hint) != std::string::npos);
  }
  CHECK(found);
}

// Compiles `spec` (without promtool): its errors as printed, "" when it compiles.
inline std::string compile_errors(const std::string& spec) {
  Diagnostics diagnostics;
  compile(spec, diagnostics);
  return diagnostics.format();
}

// `text` with the first occurrence of `from` replaced by `to`.
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace symptree::testing
