// The collector registry: every catalogue collector registered itself once,
// under its own name, and a config enables exactly the collectors it asks for.
#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "exporter/core/collector_registry.h"
#include "virtual_file_system.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("every catalogue collector is registered, in catalogue order, and builds a collector of its name") {
  std::vector<CollectorRegistration> registered = registered_collectors();
  const std::vector<ProbeKind>& catalog = probe_catalog();
  REQUIRE(registered.size() == catalog.size());
  HostConfig everything;
  VirtualFileSystem fs;
  for (size_t i = 0; i < catalog.size(); ++i) {
    CAPTURE(catalog[i].collector);
    CHECK(registered[i].name == catalog[i].collector);
    CHECK(registered[i].make(everything, fs)->name() == catalog[i].collector);
    // Enabled::always exactly for the kinds the catalogue marks as needing no settings.
    CHECK((registered[i].enabled == Enabled::always) == catalog[i].always);
  }
}

namespace {
// The names of the collectors `config` enables.
std::vector<std::string> names_for(const HostConfig& config) {
  std::vector<std::string> names;
  for (const auto& collector : make_collectors(config)) names.push_back(collector->name());
  return names;
}
// The registered collectors, in catalogue order, that are always on or named in `configured`.
std::vector<std::string> always_and(const std::vector<std::string>& configured) {
  std::vector<std::string> names;
  for (const CollectorRegistration& r : registered_collectors()) {
    bool listed = std::find(configured.begin(), configured.end(), r.name) != configured.end();
    if (r.enabled == Enabled::always || listed) names.push_back(r.name);
  }
  return names;
}
}  // namespace

TEST_CASE("a config enables the collectors of the probe kinds it lists, memory by its flag, and the always-on ones") {
  CHECK(names_for(HostConfig{}) == always_and({}));
  HostConfig config;
  config.ports = {{18180, "stemedb-api", {}}};
  config.filesystems = {{"data", "/", {}}};
  config.memory = true;
  std::vector<std::string> names = names_for(config);
  CHECK(names == always_and({"filesystem", "port", "memory"}));
  for (const char* name : {"filesystem", "port", "memory"}) CHECK(std::count(names.begin(), names.end(), name) == 1);
}

TEST_CASE("registering the exporter itself, or an id already registered, is refused") {
  auto factory = [](const HostConfig&, FileSystem&) -> std::shared_ptr<Collector> { return nullptr; };
  CHECK_THROWS_WITH_AS(register_collector(CollectorId::exporter, Enabled::always, factory),
                       "'exporter' is the exporter itself, not a collector", std::logic_error);
  CHECK_THROWS_WITH_AS(register_collector(CollectorId::port, Enabled::always, factory),
                       "collector 'port' is registered twice", std::logic_error);
  CHECK(registered_collectors().size() == probe_catalog().size());
  CHECK_THROWS_AS(registered_collector("no_such_collector"), std::logic_error);  // a name no README example uses
}

TEST_CASE("Enabled::when_configured follows the config's probe kinds, Enabled::always does not") {
  CollectorRegistration backups = registered_collector("backup");
  CHECK(backups.enabled == Enabled::when_configured);
  HostConfig config;
  CHECK_FALSE(backups.enabled_for(config));
  config.backups = {{"b", "/backups", "*", "", {}, {}}};
  CHECK(backups.enabled_for(config));
  backups.enabled = Enabled::always;
  CHECK(backups.enabled_for(HostConfig{}));
}
