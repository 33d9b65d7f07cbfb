// Listen addresses: host:port, :port and [v6]:port, and the errors.
#include <doctest/doctest.h>

#include "exporter/web/listen_address.h"

using namespace symptree;

TEST_CASE("listen addresses") {
  std::string error;
  CHECK(parse_listen_address("127.0.0.1:9188", error)->port == 9188);
  CHECK(parse_listen_address("[::1]:9188", error)->host == "::1");
  CHECK(parse_listen_address(":9188", error)->host == "0.0.0.0");
  CHECK_FALSE(parse_listen_address("127.0.0.1", error));
  CHECK_FALSE(parse_listen_address("127.0.0.1:99999", error));
  CHECK_FALSE(parse_listen_address("::1:9188", error));
}
