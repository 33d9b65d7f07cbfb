// The registry, kept in a function-local static so that registrations from
// other files' static initialisers find it constructed whatever their order.
#include "exporter/core/collector_registry.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace symptree {
namespace {

// Position of `name` in the catalogue: the order collectors are listed and scraped in.
size_t catalogue_position(const std::string& name) {
  const std::vector<ProbeKind>& catalog = probe_catalog();
  for (size_t i = 0; i < catalog.size(); ++i) {
    if (catalog[i].collector == name) return i;
  }
  throw std::logic_error("collector '" + name + "' is not in the metric catalogue");
}

// Registrations by catalogue position.
struct Registry {
  std::mutex mutex;
  std::map<size_t, CollectorRegistration> by_position;
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

bool register_collector(std::string name, CollectorEnabled enabled, CollectorFactory make) {
  size_t position = catalogue_position(name);
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  bool added = r.by_position.emplace(position, CollectorRegistration{name, std::move(enabled), std::move(make)}).second;
  if (!added) throw std::logic_error("collector '" + name + "' is registered twice");
  return true;
}

CollectorEnabled always_enabled() {
  return [](const HostConfig&) { return true; };
}

std::vector<CollectorRegistration> registered_collectors() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<CollectorRegistration> all;
  for (const auto& [position, registration] : r.by_position) all.push_back(registration);
  return all;
}

CollectorRegistration registered_collector(const std::string& name) {
  for (CollectorRegistration& registration : registered_collectors()) {
    if (registration.name == name) return registration;
  }
  throw std::logic_error("no collector registered as '" + name + "'");
}

std::vector<std::shared_ptr<Collector>> make_collectors(const HostConfig& config, FileSystem& file_system) {
  std::vector<std::shared_ptr<Collector>> collectors;
  for (const CollectorRegistration& registration : registered_collectors()) {
    if (registration.enabled(config)) collectors.push_back(registration.make(config, file_system));
  }
  return collectors;
}

}  // namespace symptree
