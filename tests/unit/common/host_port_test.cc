// Tests for common/host_port: which host:port texts are accepted, why the
// rest are not, and one spelling per address.
#include <doctest/doctest.h>

#include "common/host_port.h"

using namespace symptree;

TEST_CASE("host:port: what is accepted and why the rest is not") {
  for (const char* ok : {"10.0.0.1:9093", "am-1.example.com:9093", "localhost:1", "[::1]:9093", "[fe80::1]:65535"}) {
    CAPTURE(ok);
    CHECK(host_port_problem(ok) == "");
  }
  CHECK(host_port_problem("http://a:1") == "no scheme, only host:port");
  CHECK(host_port_problem("a:1/x") == "no path, only host:port");
  CHECK(host_port_problem("a") == "the port is missing");
  CHECK(host_port_problem(":9093") == "the host is missing");
  CHECK(host_port_problem("a:") == "the port must be a number");
  CHECK(host_port_problem("a:0") == "the port must be between 1 and 65535");
  CHECK(host_port_problem("a:65536") == "the port must be between 1 and 65535");
  CHECK(host_port_problem("::1:9093") == "write an IPv6 address in brackets, e.g. [::1]:9093");
  CHECK(host_port_problem("a b:1") == "'a b' is not a host name or address");
  // IP literals are judged by inet_pton, as the cluster emitter judges them.
  CHECK(host_port_problem("[:::::]:9093") == "'[:::::]' is not an IPv6 address");
  CHECK(host_port_problem("[::1::2]:9093") == "'[::1::2]' is not an IPv6 address");
  CHECK(host_port_problem("[am-1]:9093") == "'[am-1]' is not an IPv6 address");
  CHECK(host_port_problem("10.0.0.256:9093") == "'10.0.0.256' is not an IPv4 address");
  CHECK(host_port_problem("10.0.1:9093") == "'10.0.1' is not an IPv4 address");
  CHECK(host_port_problem("[::ffff:10.0.0.1]:9093") == "");
  CHECK(host_port_problem("10.example.com:9093") == "");
  CHECK(is_ip_literal("10.0.0.1"));
  CHECK(is_ip_literal("fe80::1"));
  CHECK_FALSE(is_ip_literal(":::::"));
  CHECK_FALSE(is_ip_literal("am-1.example.com"));
  CHECK(canonical_host_port("[0:0::1]:09093") == "[::1]:9093");
  CHECK(canonical_host_port("AM-1.Example.com:9093") == "am-1.example.com:9093");
  CHECK(host_of("[::1]:9093") == "::1");
  CHECK(port_of("[::1]:9093") == "9093");
}
