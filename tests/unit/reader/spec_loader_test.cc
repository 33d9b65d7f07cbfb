// Tests for generator/spec: the model built from a spec.
#include "generator/reader/spec_loader.h"

#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("the small spec loads into a pre-order tree") {
  Diagnostics d;
  std::optional<Model> model = load(small_spec(), d);
  INFO(d.format());
  REQUIRE(model);
  REQUIRE(model->nodes.size() == 6);
  CHECK(model->roots == std::vector<int>{0, 4});
  CHECK(model->nodes[1].id == "port_taken");
  CHECK(model->nodes[2].depth == 2);
  CHECK(model->nodes[2].root == 0);
  CHECK(model->join_on == std::vector<std::string>{"host"});
  CHECK(model->service_job == "shop");
  CHECK(model->exporter_job == "symptree-exporter");
}

TEST_CASE("priority and `for` are inherited unless a node sets its own") {
  Diagnostics d;
  Model model = *load(small_spec(), d);
  CHECK(model.priority_of(1).name == "P0");
  CHECK(model.priority_of(2).name == "P2");
  CHECK(model.nodes[1].for_duration.text == "2m");
  CHECK(model.nodes[4].for_duration.text == "1m");  // a symptom's default
}

TEST_CASE("node kinds, alert names and runbook links") {
  Diagnostics d;
  Model model = *load(small_spec(), d);
  CHECK(model.nodes[0].kind == NodeKind::Alert);
  CHECK(model.nodes[3].kind == NodeKind::Manual);
  CHECK(model.nodes[3].manual_reason == "An operator decision");
  CHECK(model.nodes[1].alert_name == "ShopPortTaken");
  CHECK(model.nodes[1].runbook->url == "https://runbooks.example.com/shop/runbooks/api-down.md#port-taken");
  CHECK(model.nodes[2].runbook->url == "https://runbooks.example.com/shop/runbooks/disk.md#nearly-full");
  CHECK(model.nodes[0].runbook->url == "https://runbooks.example.com/shop/runbooks/api-down.md");
  CHECK(model.path_text(2) == "API is down → Port taken? → Disk nearly full too?");
  CHECK(model.conditioned_ancestors(2) == std::vector<int>{1, 0});
}

TEST_CASE("a condition's position points into the spec") {
  Diagnostics d;
  Model model = *load(small_spec(), d);
  // `    when: 'symptree_process_up{...} == 0'` is line 20; the expression starts after the quote.
  CHECK(model.nodes[0].when->where.to_string() == "spec.yaml:20:12");
  CHECK(model.nodes[0].when->position_at(9).column == 21);
}

TEST_CASE("errors are collected, not stopped at the first") {
  Diagnostics d;
  std::string text = replace(replace(small_spec(), "    priority: P0\n", "    priority: P7\n"), "title: Port taken?",
                             "titel: Port taken?");
  CHECK_FALSE(load(text, d));
  CHECK(d.format().find("unknown priority 'P7'") != std::string::npos);
  CHECK(d.format().find("hint: the spec's `priorities:` are P0, ") != std::string::npos);  // the list, not "did you mean"
  CHECK(d.format().find("unknown key 'titel' in a cause") != std::string::npos);
  CHECK(d.format().find("did you mean 'title'?") != std::string::npos);
}

TEST_CASE("an alias that makes a node contain itself is a cycle, not a hang") {
  Diagnostics d;
  std::string text = replace(small_spec(), "  - id: api_down\n", "  - &top\n    id: api_down\n");
  text = replace(text, "      - id: restart_by_hand\n", "      - *top\n      - id: restart_by_hand\n");
  CHECK_FALSE(load(text, d));
  CHECK(d.format().find("cycle") != std::string::npos);
}
