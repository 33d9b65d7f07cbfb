// Tests for generator/promql/promql.h: the front end end to end through its public header.
#include "generator/promql/promql.h"

#include <doctest/doctest.h>

using namespace symptree::promql;

TEST_CASE("a spec's condition: parse, find the clause that drops host, fold the threshold") {
  std::string when = "avg by (datname) (pg_stat_activity_count) > ( 25 / 100 )";
  ParseResult r = parse_promql(when);
  REQUIRE(r.ok());
  LabelInference labels = infer_labels(*r.expr);
  auto why = labels.why_absent("host");
  REQUIRE(why);
  CHECK(why->kind == DropKind::By);
  CHECK(line_column(when, why->pos.start).column == 5);
  auto threshold = fold_constant(r.expr->child(1));
  REQUIRE(threshold);
  CHECK(threshold->exact->to_string() == "0.25");
}
