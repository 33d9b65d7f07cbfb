// Samples: the runtime path under SamplesOf<C> refuses names outside the
// collector's kind and wrong label counts.
#include <doctest/doctest.h>

#include <stdexcept>

#include "exporter/core/samples.h"

using namespace symptree;

TEST_CASE("samples are checked against the catalogue") {
  Samples samples(probe_kind_for_collector("filesystem"));
  CHECK_THROWS_AS(samples.add("symptree_filesystem_size", {"x"}, 1), std::logic_error);
  CHECK_THROWS_AS(samples.add("symptree_filesystem_size_bytes", {}, 1), std::logic_error);
  CHECK_THROWS_AS(samples.add("symptree_directory_files", {"x"}, 1), std::logic_error);  // another collector's
  CHECK_NOTHROW(samples.add("symptree_filesystem_size_bytes", {"x"}, 1));
  REQUIRE(samples.all().size() == 1);
  CHECK(samples.all()[0].metric->name == "symptree_filesystem_size_bytes");
  CHECK(samples.all()[0].metric == &samples.kind().metrics[0]);
}

TEST_CASE("probe_kind_for_collector knows every catalogue collector and nothing else") {
  for (const ProbeKind& kind : probe_catalog()) CHECK(&probe_kind_for_collector(kind.collector) == &kind);
  CHECK_THROWS_AS(probe_kind_for_collector("exporter"), std::logic_error);
  CHECK_THROWS_AS(probe_kind_for_collector("nope"), std::logic_error);
}
