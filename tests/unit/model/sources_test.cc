// Tests for the declared sources across the model: metric ownership
// (Source::owns, Model::source_of, check/metric_check), the label catalogue
// of a source's metrics, its absence alerts on its own `up`, its scrape job
// and its generated test series.
#include <doctest/doctest.h>

#include "generator/check/join_label_check.h"
#include "generator/check/matching_check.h"
#include "generator/check/metric_check.h"
#include "generator/check/selector_check.h"
#include "generator/check/template_check.h"
#include "generator/model/alert_plan.h"
#include "generator/model/label_catalog.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with a postgres source (labels `labels`) and a symptom reading `when`.
std::string with_postgres(const std::string& labels, const std::string& when, const std::string& scope = "") {
  std::string spec = replace(small_spec(), "symptoms:\n",
                             "sources:\n  - {name: postgres, job: postgres-exporter, labels: " + labels +
                                 ", prefixes: [pg_], metrics: [postgres_up]}\n"
                                 "symptoms:\n");
  return spec + "  - id: pg_fact\n    title: PostgreSQL fact\n    priority: P2\n" + scope + "    when: '" + when +
         "'\n    runbook: runbooks/api-down.md\n";
}

const AlertRule& absence_of(const AlertPlan& plan, const std::string& metric) {
  for (const AlertRule& rule : plan.rules) {
    if (rule.absent_metric == metric) return rule;
  }
  FAIL("no absence alert for " << metric);
  return plan.rules.front();
}

}  // namespace

TEST_CASE("a source owns metrics by prefix and by exact name") {
  Model model = load_ok(with_postgres("[host]", "pg_up == 0"));
  const Source& pg = model.sources.front();
  CHECK(pg.owns("pg_up"));
  CHECK(pg.owns("pg_stat_database_deadlocks"));
  CHECK(pg.owns("postgres_up"));
  CHECK_FALSE(pg.owns("postgres_up_total"));
  CHECK_FALSE(pg.owns("shop_queue_depth"));
  CHECK(model.source_of("pg_up") == &pg);
  CHECK(model.source_of("shop_queue_depth") == nullptr);
  CHECK(pg.carries("instance"));
  CHECK(pg.carries("job"));
  CHECK(pg.carries("host"));
  CHECK_FALSE(pg.carries("datname"));
}

TEST_CASE("every metric read has exactly one owner") {
  CHECK(checked(with_postgres("[host]", "pg_up == 0"), check_metrics) == "");
  std::string unknown = with_postgres("[host]", "pgx_up == 0");
  std::string errors = checked(unknown, check_metrics);
  auto [line, column] = line_column_of(unknown, "pgx_up");
  CHECK(errors.find("spec.yaml:" + std::to_string(line) + ":" + std::to_string(column) +
                    ": error: unknown metric 'pgx_up'") != std::string::npos);
  std::string twice = replace(with_postgres("[host]", "shop_queue_depth > 5"), "prefixes: [pg_]", "prefixes: [pg_, shop_q]");
  errors = checked(twice, check_metrics);
  CHECK(errors.find("metric 'shop_queue_depth' is claimed by the service (app_metrics) and source 'postgres'") !=
        std::string::npos);
  // Once per metric, not once per use (a newcomer trial got eight of one).
  std::string used_twice = replace(with_postgres("[host]", "shop_queue_depth > 5 and shop_queue_depth < 100"),
                                   "prefixes: [pg_]", "prefixes: [pg_, shop_q]");
  errors = checked(used_twice, check_metrics);
  size_t first = errors.find("is claimed by");
  REQUIRE(first != std::string::npos);
  CHECK(errors.find("is claimed by", first + 1) == std::string::npos);
}

TEST_CASE("label inference: a source's series carry its labels, instance and job, and no other join label") {
  Model model = load_ok(with_postgres("[host, datname]", "pg_up == 0"));
  promql::LabelCatalog catalog = label_catalog(model);
  // The spec's join labels it lists are target labels, on every series; its other labels on some.
  CHECK(catalog.at("pg_up").always == std::set<std::string>{"host", "instance", "job", "__name__"});
  CHECK(catalog.at("pg_up").sometimes == std::set<std::string>{"datname"});
  CHECK(catalog.at("shop_queue_depth").always.count("host"));
  // A source without `host`: a host-scoped cause reading it drops the join label.
  Diagnostics diagnostics;
  CHECK_FALSE(compile(with_postgres("[datname]", "pg_up == 0"), diagnostics));
  CHECK(diagnostics.format().find("'host'") != std::string::npos);
  // The hint offers the other fix: the source's `labels:`, when its scrape configuration sets host.
  CHECK(diagnostics.format().find("if the scrape configuration of source 'postgres' (job postgres-exporter) puts 'host' "
                                  "on its targets (relabelling), add it to that source's `labels:`") != std::string::npos);
  // Not for a label dropped by a clause: the source lists host there.
  Diagnostics by;
  CHECK_FALSE(compile(with_postgres("[host, datname]", "sum by (datname) (pg_up) == 0"), by));
  CHECK(by.format().find("the result has no 'host': add it to by (...)") != std::string::npos);
  CHECK(by.format().find("source's `labels:`") == std::string::npos);
  // The same fact stated for the cluster compiles.
  compile_ok(with_postgres("[datname]", "max(pg_up) == 0", "    scope: cluster\n"));
}

TEST_CASE("a source's metric is absent when its own job is up and no target of it exposes the metric") {
  AlertPlan plan = plan_alerts(load_ok(with_postgres("[host]", "pg_up == 0")));
  const AlertRule& rule = absence_of(plan, "pg_up");
  CHECK(rule.cluster);
  CHECK(rule.absence_by.empty());
  CHECK(rule.expr == "group by (job) (up{job=\"postgres-exporter\"} == 1)\nunless on ()\ngroup by () (pg_up)");
  bool names_source = false;
  for (const auto& [name, value] : rule.annotations) {
    if (name == "description") names_source = value.find("postgres source (job {{ $labels.job }})") != std::string::npos;
  }
  CHECK(names_source);
  // The service's metrics keep the service's up.
  CHECK(absence_of(plan, "shop_queue_depth").expr.find("up{job=\"shop\"} == 1") != std::string::npos);
}

TEST_CASE("a source's metric listed with absence_alert: false gets no absence alert") {
  std::string text = replace(with_postgres("[host]", "pg_locks_waiting > 5"), "metrics: [postgres_up]",
                             "metrics: [postgres_up, {name: pg_locks_waiting, absence_alert: false}]");
  Model model = load_ok(text);
  CHECK(model.sources.front().owns("pg_locks_waiting"));
  AlertPlan plan = plan_alerts(model);
  for (const AlertRule& rule : plan.rules) CHECK(rule.absent_metric != "pg_locks_waiting");
  // Without the switch it has one.
  absence_of(plan_alerts(load_ok(with_postgres("[host]", "pg_locks_waiting > 5"))), "pg_locks_waiting");
}

TEST_CASE("a source's metric only cluster facts read gets one absence alert for the cluster") {
  AlertPlan plan = plan_alerts(load_ok(with_postgres("[datname]", "max(pg_up) == 0", "    scope: cluster\n")));
  const AlertRule& rule = absence_of(plan, "pg_up");
  CHECK(rule.cluster);
  CHECK(rule.expr == "group by (job) (up{job=\"postgres-exporter\"} == 1)\nunless on ()\ngroup by () (pg_up)");
}

// kube-state-metrics' series carry namespace and pod, its one target's `up`
// neither: grouped by the join labels, the absence alert fired beside every
// series it looked for (found by a newcomer trial). Per target, a RabbitMQ node
// that leads no queue paged for the per-queue metrics (the next trial).
TEST_CASE("a source's absence alert is one for the source, whatever labels its series carry") {
  AlertPlan plan = plan_alerts(load_ok(with_postgres("[datname]", "pg_up == 0", "    join_on: [datname]\n")));
  const AlertRule& rule = absence_of(plan, "pg_up");
  CHECK(rule.cluster);
  CHECK(rule.expr.find("unless on ()") != std::string::npos);
}

TEST_CASE("generated tests: a source's series carry its join labels, its instance and job, nothing made up") {
  Compilation c = compile_ok(with_postgres("[host]", "pg_up == 0"));
  std::string tests;
  for (const auto& [path, text] : c.outputs.files()) {
    if (path.find("prometheus/tests/") == 0) tests += text;
  }
  CHECK(tests.find("pg_up{host=\"host-a\",instance=\"host-a:postgres\",job=\"postgres-exporter\"}") != std::string::npos);
  CHECK(tests.find("up{host=\"host-a\",instance=\"host-a:postgres\",job=\"postgres-exporter\"}") != std::string::npos);
  Compilation cluster = compile_ok(with_postgres("[datname]", "max(pg_up) == 0", "    scope: cluster\n"));
  std::string cluster_tests;
  for (const auto& [path, text] : cluster.outputs.files()) {
    if (path.find("prometheus/tests/") == 0) cluster_tests += text;
  }
  CHECK(cluster_tests.find("pg_up{instance=\"postgres-a:postgres\",job=\"postgres-exporter\"}") != std::string::npos);
  CHECK(cluster_tests.find("pg_up{host=") == std::string::npos);
}

namespace {

// "spec.yaml:L:C: error: <message>" at the first `needle` of `text`, as check `check` prints it.
bool error_at(const std::string& text, ModelCheck check, const std::string& needle, const std::string& message) {
  auto [line, column] = line_column_of(text, needle);
  std::string errors = checked(text, check);
  INFO(errors);
  return errors.find("spec.yaml:" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message) !=
         std::string::npos;
}

}  // namespace

TEST_CASE("a matcher on a label the source does not list is an error at the matcher") {
  std::string text = with_postgres("[host, datname]", "pg_stat_database_deadlocks{dbname=\"orders\"} > 5");
  CHECK(error_at(text, check_selectors, "dbname",
                 "the series of source 'postgres' (pg_stat_database_deadlocks) have no label 'dbname'; its labels "
                 "are host, datname, instance and job"));
  CHECK(checked(text, check_selectors).find("did you mean 'datname'?") != std::string::npos);
  // Listed labels, instance and job, a histogram's le and a summary's quantile are fine.
  CHECK(checked(with_postgres("[host, datname]", "pg_x{datname=\"o\",instance!=\"\",job=\"postgres-exporter\"} > 5"), check_selectors) == "");
  CHECK(checked(with_postgres("[host]", "rate(pg_query_seconds_bucket{le=\"0.5\"}[5m]) > 5"), check_selectors) == "");
  CHECK(checked(with_postgres("[host]", "pg_query_seconds{quantile=\"0.99\"} > 5"), check_selectors) == "");
  std::string count = with_postgres("[host]", "rate(pg_query_seconds_count{quantile=\"0.99\"}[5m]) > 5");
  CHECK(error_at(count, check_selectors, "quantile", "the series of source 'postgres' (pg_query_seconds_count) have no label 'quantile'"));
}

TEST_CASE("a job matcher naming a job that does not report the metric is an error at its value") {
  std::string text = with_postgres("[host]", "pg_up{job=\"postgres\"} == 0");
  CHECK(error_at(text, check_selectors, "\"postgres\"",
                 "job=\"postgres\" selects no series of pg_up, which job 'postgres-exporter' reports"));
  // up: any of the spec's jobs; a typo gets the nearest.
  std::string up = with_postgres("[host]", "up{job=\"postgres-exportr\"} == 0");
  CHECK(error_at(up, check_selectors, "\"postgres-exportr\"", "job=\"postgres-exportr\" selects no series of up"));
  CHECK(checked(up, check_selectors).find("did you mean 'postgres-exporter'?") != std::string::npos);
  CHECK(checked(with_postgres("[host]", "up{job=\"postgres-exporter\"} == 0"), check_selectors) == "");
  // The service's metrics come from its job, symptree-exporter's from the exporter's.
  CHECK(checked(with_postgres("[host]", "shop_queue_depth{job=\"symptree-exporter\"} > 5"), check_selectors)
            .find("selects no series of shop_queue_depth, which job 'shop' reports") != std::string::npos);
  CHECK(checked(with_postgres("[host]", "symptree_process_up{job=\"symptree-exporter\",name=\"shop-api\"} == 0"),
                check_selectors) == "");
  // Other matchers on job (regex, negative) are left alone.
  CHECK(checked(with_postgres("[host]", "pg_up{job=~\"postgres.*\"} == 0"), check_selectors) == "");
}

TEST_CASE("a source's own up carries its target labels and no other") {
  // The source lists the join label host: its targets carry it, so its up does.
  CHECK(checked(with_postgres("[host]", "up{job=\"postgres-exporter\"} == 0"), check_join_labels) == "");
  // A source without host: its up has none either (before, any label was taken as possible).
  std::string text = with_postgres("[datname]", "up{job=\"postgres-exporter\"} == 0");
  CHECK(error_at(text, check_join_labels, "up{job", "the result has no 'host'"));
  // up of any other job, or without a job matcher, still may carry any label.
  CHECK(checked(with_postgres("[datname]", "up{job=\"shop\"} == 0"), check_join_labels) == "");
}

TEST_CASE("a join label only one side of an or carries is an error at the side without it") {
  std::string text = with_postgres("[datname]", "shop_queue_depth > 5 or pg_up == 0");
  CHECK(error_at(text, check_join_labels, "pg_up", "only some series of the result carry 'host'"));
  // Both sides with it, or the side without it dropped by a clause of its own: no such error.
  CHECK(checked(with_postgres("[host]", "shop_queue_depth > 5 or pg_up == 0"), check_join_labels) == "");
  CHECK(checked(with_postgres("[datname]", "shop_queue_depth > 5 and on () pg_up == 0"), check_join_labels) == "");
}

TEST_CASE("a label a source lists is one only some of its series carry: a description needs more to show it") {
  std::string description = "    description: 'Deadlocks in {{ $labels.datname }}'\n";
  std::string listed = with_postgres("[host, datname]", "pg_stat_database_deadlocks > 5", description);
  CHECK(error_at(listed, check_templates, "$labels.datname", "in 'description': the alert ShopPgFact may lack label 'datname'"));
  // A matcher that requires it, or the node's own join on it, makes it certain.
  CHECK(checked(with_postgres("[host, datname]", "pg_stat_database_deadlocks{datname!=\"\"} > 5", description),
                check_templates) == "");
  CHECK(checked(with_postgres("[host, datname]", "pg_stat_database_deadlocks > 5", description + "    join_on: [host, datname]\n"),
                check_templates) == "");
  // The spec's join labels a source lists are on every series, and so are its target_labels.
  CHECK(checked(with_postgres("[host, datname]", "pg_up == 0", "    description: 'On {{ $labels.host }}'\n"), check_templates) == "");
  std::string targets = replace(with_postgres("[host, datname, cluster]", "pg_up == 0", "    description: 'In {{ $labels.cluster }}'\n"),
                                "prefixes: [pg_]", "target_labels: [host, cluster], prefixes: [pg_]");
  CHECK(checked(targets, check_templates) == "");
}

TEST_CASE("a label one metric of a source lacks does not make a vector match fail") {
  // redis_memory_used_bytes has no db, redis_db_keys has: listed for the source, on some series only.
  std::string text = with_postgres("[host, datname]", "sum by (host, instance, job) (pg_db_keys) > 10 and pg_memory_bytes > 5");
  CHECK(checked(text, check_matchings) == "");
}
