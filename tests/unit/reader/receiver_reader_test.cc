// Tests for reader/receiver_reader: a receiver's settings checked against its
// kind (known fields, types, required ones, secrets only by file, nothing
// newer than the targeted Alertmanager), each error at file:line:column.
#include <doctest/doctest.h>

#include "spec_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

// The small spec with its `tickets` receiver replaced by `receiver`.
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
