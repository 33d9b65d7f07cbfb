// Tests for reading the spec's Alertmanager parts: receivers (secrets only by
// file, version-dependent fields), `inhibits:`, the `alertmanager:` section,
// malformed priorities and receivers, each error at file:line:column.
#include <doctest/doctest.h>

#include "generator/reader/spec_loader.h"
#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

const std::string kPager = "pager: {pagerduty: {routing_key_file: /etc/am/pd}}";
const std::string kTickets = "tickets: {webhook: {url: \"http://127.0.0.1:9095/\"}}";

// 1-based line of the first occurrence of `needle` in `text`, and its column.
std::pair<int, int> position_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
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

// Loads `spec`, expects exactly one error at `needle` whose message holds `message`.
void expect_error(const std::string& spec, const std::string& needle, const std::string& message,
                  const std::string& hint = "") {
  Diagnostics d;
  std::optional<Model> model = load(spec, d);
  INFO(d.format());
  CHECK_FALSE(model);
  REQUIRE(d.count() >= 1);
  const Diagnostic& error = d.errors().front();
  auto [line, column] = position_of(spec, needle);
  CHECK(error.where.file == "spec.yaml");
  CHECK(error.where.line == line);
  CHECK(error.where.column == column);
  CHECK(error.message.find(message) != std::string::npos);
  CHECK(error.hint.find(hint) != std::string::npos);
}

std::string with_tickets(const std::string& receiver) { return replace(small_spec(), kTickets, receiver); }

}  // namespace

TEST_CASE("an inline secret is an error naming the _file field to use") {
  std::string spec = replace(small_spec(), kPager, "pager: {pagerduty: {routing_key: abc123}}");
  expect_error(spec, "routing_key: abc", "'routing_key' is a secret", "routing_key_file");
  expect_error(with_tickets("tickets: {slack: {api_url: \"https://hooks.slack.com/x\", channel: \"#a\"}}"),
               "api_url:", "secret", "api_url_file");
  expect_error(with_tickets("tickets: {opsgenie: {api_key: k}}"), "api_key: k", "secret", "api_key_file");
  expect_error(with_tickets("tickets: {email: {to: a@b.c, from: x@b.c, smarthost: \"h:25\", auth_password: pw}}"),
               "auth_password: pw", "secret", "auth_password_file");
  expect_error(with_tickets("tickets: {webhook: {url: \"http://x/\", http_config: {basic_auth: {username: u, password: p}}}}"),
               "password: p", "'http_config.basic_auth.password' is a secret", "http_config.basic_auth.password_file");
  expect_error(with_tickets("tickets: {email: {to: a@b.c, from: x@b.c, smarthost: \"h:25\", auth_secret: s}}"),
               "auth_secret: s", "cannot read it from a file");
}

TEST_CASE("receiver settings are checked against their kind") {
  expect_error(with_tickets("tickets: {webhook: {url: \"http://x/\", send_resolve: true}}"), "send_resolve:",
               "unknown setting 'send_resolve'", "send_resolved");
  expect_error(with_tickets("tickets: {webhook: {url: \"http://x/\", send_resolved: maybe}}"), "send_resolved:",
               "must be true or false");
  expect_error(with_tickets("tickets: {webhook: {url: \"ftp://x/\"}}"), "url: \"ftp", "http:// or https://");
  expect_error(with_tickets("tickets: {webhook: {max_alerts: 3}}"), "tickets: {webhook", "needs 'url'");
  expect_error(with_tickets("tickets: {email: {to: a@b.c}}"), "tickets: {email", "needs 'from'");
  expect_error(with_tickets("tickets: {opsgenie: {api_key_file: /k, responders: [{type: team, name: db}]}}"),
               "[{type", "is a list", "merge file");
}

TEST_CASE("webhook url_file needs the spec to target Alertmanager 0.26") {
  std::string spec = with_tickets("tickets: {webhook: {url_file: /etc/am/ticket-url}}");
  expect_error(spec, "url_file:", "needs Alertmanager 0.26 or newer; the spec targets 0.25", "version: \"0.26\"");
  Diagnostics d;
  CHECK_MESSAGE(load(spec + "alertmanager: {version: \"0.26\"}\n", d), d.format());
  Diagnostics both;
  CHECK_FALSE(load(replace(spec, "url_file:", "url: \"http://x/\", url_file:") + "alertmanager: {version: \"0.27\"}\n",
                   both));
}

TEST_CASE("the alertmanager section: version, default receiver") {
  expect_error(small_spec() + "alertmanager: {version: \"0.24\"}\n", "\"0.24\"", "0.25 and newer");
  expect_error(small_spec() + "alertmanager: {version: latest}\n", "latest", "release such as");
  expect_error(small_spec() + "alertmanager: {default_receiver: pagr}\n", "pagr", "unknown receiver", "pager");
  expect_error(small_spec() + "alertmanager: {versoin: \"0.25\"}\n", "versoin", "versoin");
  Diagnostics d;
  std::optional<Model> model = load(small_spec() + "alertmanager: {version: v0.27.0, default_receiver: pager}\n", d);
  REQUIRE_MESSAGE(model, d.format());
  CHECK(model->alertmanager.version.text() == "0.27");
  CHECK(model->alertmanager.default_receiver == "pager");
}

TEST_CASE("`inhibits:` names alerting nodes, never itself, never a cycle") {
  const std::string anchor = "    runbook: runbooks/queue.md\n";
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [api_dwn]\n"), "api_dwn", "no node has id 'api_dwn'",
               "api_down");
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [queue_backlog]\n"), "queue_backlog]",
               "cannot inhibit itself");
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [restart_by_hand]\n"), "restart_by_hand]",
               "has no alert");
  // queue_backlog silencing its own cause closes a cycle with the tree's errors_rising -> queue_backlog.
  expect_error(replace(small_spec(), anchor, anchor + "    inhibits: [errors_rising]\n"), "errors_rising]",
               "cycle: queue_backlog → errors_rising → queue_backlog");
  expect_error(replace(replace(small_spec(), anchor, anchor + "    inhibits: [api_down]\n"), "    runbook: runbooks/api-down.md\n    diagnostics",
                       "    runbook: runbooks/api-down.md\n    inhibits: [queue_backlog]\n    diagnostics"),
               "queue_backlog]\n    diagnostics", "cycle: api_down → queue_backlog → api_down");
}

TEST_CASE("malformed priority and receiver sections point at the culprit") {
  expect_error(replace(small_spec(), "response: 15m", "response: soon"), "soon", "positive duration");
  expect_error(replace(small_spec(), "severity: critical", "severity: crit"), "crit,", "unknown severity");
  expect_error(replace(small_spec(), "receiver: pager}", "receiver: pagr}"), "pagr", "unknown receiver 'pagr'");
  expect_error(replace(small_spec(), kPager, "pager: {pagerdooty: {routing_key_file: /k}}"), "pagerdooty",
               "pagerdooty", "pagerduty");
  expect_error(replace(small_spec(), kPager, "pager: {pagerduty: /k}"), "/k}", "must be a mapping");
  expect_error(replace(small_spec(), kPager, "pager: {pagerduty: {routing_key_file: /k}, webhook: {url: \"http://x/\"}}"),
               "webhook:", "more than one kind");
}
