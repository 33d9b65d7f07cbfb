// Tests for generator/promql/label_inference: certain, possible and absent
// labels, and the clause that removed a label.
#include "generator/promql/label_inference.h"

#include <doctest/doctest.h>

#include "generator/promql/parser.h"

using namespace symptree::promql;

namespace {

struct Inferred {
  std::string text;
  ParseResult parsed;
  LabelInference labels;
  Presence presence(const std::string& l) const { return labels.presence(l); }
  // The text of the clause that removed `label`.
  std::string dropped_by(const std::string& label) const {
    auto why = labels.why_absent(label);
    REQUIRE_MESSAGE(why.has_value(), label << " is not absent in " << text);
    return text.substr(why->pos.start, why->pos.end - why->pos.start);
  }
};

Inferred infer(const std::string& text, const LabelCatalog& catalog = {}) {
  Inferred r{text, parse_promql(text), {}};
  REQUIRE_MESSAGE(r.parsed.ok(), text);
  r.labels = infer_labels(*r.parsed.expr, catalog);
  return r;
}

}  // namespace

TEST_CASE("a selector carries its metric name and the labels its matchers require") {
  auto r = infer("x{a=\"1\", b=~\".+\", c!=\"2\", d=\"\"}");
  CHECK(r.presence("__name__") == Presence::Certain);
  CHECK(r.presence("a") == Presence::Certain);
  CHECK(r.presence("b") == Presence::Certain);
  CHECK(r.presence("c") == Presence::Possible);
  CHECK(r.presence("d") == Presence::Absent);
  CHECK(r.presence("host") == Presence::Possible);  // unknown input labels
  CHECK(r.labels.open);
}

TEST_CASE("a catalogue closes a metric's label set") {
  LabelCatalog catalog{{"symptree_probe_success", {{"host", "name"}, {"instance"}, true}}};
  auto r = infer("symptree_probe_success{name=\"api\"}", catalog);
  CHECK(r.presence("host") == Presence::Certain);
  CHECK(r.presence("instance") == Presence::Possible);
  CHECK(r.presence("mount") == Presence::Absent);
}

TEST_CASE("aggregations keep their by labels and lose their without labels") {
  auto by = infer("avg by (datname) (pg_stat_activity_count{host=\"a\"})");
  CHECK(by.presence("datname") == Presence::Possible);
  CHECK(by.presence("host") == Presence::Absent);
  CHECK(by.dropped_by("host") == "by (datname)");
  CHECK(by.labels.why_absent("host")->reason == "by (datname) keeps only datname");
  CHECK(by.labels.why_absent("host")->kind == DropKind::By);
  CHECK(by.dropped_by("anything") == "by (datname)");

  auto without = infer("max without (instance) (x{host=\"a\"})");
  CHECK(without.presence("host") == Presence::Certain);
  CHECK(without.presence("instance") == Presence::Absent);
  CHECK(without.dropped_by("instance") == "without (instance)");
  CHECK(without.labels.why_absent("instance")->kind == DropKind::Without);
  CHECK(without.presence("__name__") == Presence::Absent);

  auto none = infer("sum(x)");
  CHECK(none.presence("host") == Presence::Absent);
  CHECK(none.dropped_by("host") == "sum");

  CHECK(infer("topk(3, x{host=\"a\"})").presence("__name__") == Presence::Certain);
  CHECK(infer("count_values(\"version\", x)").presence("version") == Presence::Certain);
}

TEST_CASE("histogram_quantile over sum by (instance, le) has no host") {
  auto r = infer("histogram_quantile(0.99, sum by (instance, le) (rate(x_bucket{host=\"a\"}[5m])))");
  CHECK(r.presence("instance") == Presence::Possible);
  CHECK(r.presence("le") == Presence::Absent);
  CHECK(r.dropped_by("le") == "histogram_quantile");
  CHECK(r.dropped_by("host") == "by (instance, le)");
}

TEST_CASE("functions and arithmetic drop the metric name, filters keep it") {
  CHECK(infer("rate(x[5m])").dropped_by("__name__") == "rate");
  CHECK(infer("x * 2").dropped_by("__name__") == "*");
  CHECK(infer("x > 2").presence("__name__") == Presence::Certain);
  CHECK(infer("x > bool 2").presence("__name__") == Presence::Absent);
  CHECK(infer("-x").presence("__name__") == Presence::Absent);
  CHECK(infer("last_over_time(x[5m])").presence("__name__") == Presence::Certain);
  CHECK(infer("x atan2 y").presence("__name__") == Presence::Certain);  // Prometheus 2.42 keeps it
  CHECK(infer("hour(x{host=\"a\"})").presence("host") == Presence::Certain);
  CHECK(infer("hour()").presence("host") == Presence::Absent);
  auto expiry = infer("probe_ssl_earliest_cert_expiry{host=\"a\"} - time() < 86400");
  CHECK(expiry.presence("host") == Presence::Certain);
  CHECK(expiry.presence("instance") == Presence::Possible);  // the input's labels stay
  CHECK(expiry.presence("__name__") == Presence::Absent);
}

TEST_CASE("scalars and vector() have no labels") {
  auto r = infer("time()");
  CHECK(r.labels.scalar);
  CHECK(r.presence("host") == Presence::Absent);
  CHECK(infer("vector(1)").presence("host") == Presence::Absent);
  CHECK(infer("26 * 3600").presence("host") == Presence::Absent);
}

TEST_CASE("vector matching: on keeps its labels, group_left adds the one side's") {
  auto on = infer("x{host=\"a\"} / on (job) y");
  CHECK(on.presence("job") == Presence::Possible);
  CHECK(on.presence("host") == Presence::Absent);
  CHECK(on.dropped_by("host") == "on (job)");
  CHECK(on.labels.why_absent("host")->kind == DropKind::On);
  auto empty_on = infer("x / on () y");
  CHECK(empty_on.dropped_by("host") == "on ()");
  auto ignoring = infer("x{host=\"a\"} / ignoring (code) y");
  CHECK(ignoring.presence("host") == Presence::Certain);
  CHECK(ignoring.dropped_by("code") == "ignoring (code)");
  auto group = infer("x{host=\"a\"} * on (instance) group_left (version) build_info{version=\"1\"}");
  CHECK(group.presence("host") == Presence::Certain);
  CHECK(group.presence("version") == Presence::Certain);
  auto right = infer("x * on (instance) group_right y{host=\"a\"}");
  CHECK(right.presence("host") == Presence::Certain);
}

TEST_CASE("set operators: and/unless keep the left side, or unites") {
  CHECK(infer("x{host=\"a\"} and on (host) y").presence("host") == Presence::Certain);
  CHECK(infer("sum by (a) (x) unless y{host=\"h\"}").presence("host") == Presence::Absent);
  auto either = infer("x{host=\"a\", b=\"1\"} or y{host=\"b\"}");
  CHECK(either.presence("host") == Presence::Certain);
  CHECK(either.presence("b") == Presence::Possible);
  auto closed = infer("sum by (host) (x) or sum by (host, z) (y)");
  CHECK(closed.presence("z") == Presence::Possible);
  CHECK(closed.presence("w") == Presence::Absent);
}

TEST_CASE("label_replace, label_join and absent") {
  CHECK(infer("label_replace(x, \"host\", \"$1\", \"instance\", \"([^:]+):.*\")").presence("host") == Presence::Possible);
  CHECK(infer("label_replace(x, \"env\", \"prod\", \"\", \".*\")").presence("env") == Presence::Certain);
  CHECK(infer("label_replace(x{instance=\"a\"}, \"host\", \"$1\", \"instance\", \"(.*)\")").presence("host") ==
        Presence::Certain);
  CHECK(infer("label_join(x{a=\"1\"}, \"d\", \",\", \"a\", \"b\")").presence("d") == Presence::Certain);
  auto absent = infer("absent(up{job=\"api\", env=~\"p.*\"})");
  CHECK(absent.presence("job") == Presence::Certain);
  CHECK(absent.presence("env") == Presence::Absent);
  CHECK(absent.presence("__name__") == Presence::Absent);
}

TEST_CASE("absent() gives its one series each = matcher's label and value, as Prometheus does") {
  auto labels_of = [](const std::string& text) {
    ParseResult parsed = parse_promql(text);
    REQUIRE(parsed.ok());
    return absent_result_labels(*parsed.expr);
  };
  using Labels = std::map<std::string, std::string>;
  CHECK(labels_of("absent(up{job=\"api\", env=~\"p.*\"})") == Labels{{"job", "api"}});
  CHECK(labels_of("absent_over_time(x{role=\"leader\",zone=\"a\"}[5m])") == Labels{{"role", "leader"}, {"zone", "a"}});
  CHECK(labels_of("absent(x{a=\"1\",a=\"2\",b=\"\"})").empty());  // a matched twice; b="" is no label
  CHECK(labels_of("absent({__name__=\"x\"})").empty());
  CHECK(labels_of("x{job=\"api\"}").empty());  // not absent()
  CHECK(infer("absent(x{b=\"\"})").presence("b") == Presence::Possible);
}
