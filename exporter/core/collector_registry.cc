// The registry, kept in a function-local static so that registrations from
// other files' static initialisers find it constructed whatever their order.
#include "exporter/core/collector_registry.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace symptree {
namespace {

// Registrations by catalogue position.
struct Registry {
  std::mutex mutex;
  std::map<CollectorId, CollectorRegistration> by_id;  // CollectorId order is catalogue order
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

bool CollectorRegistration::enabled_for(const HostConfig& config) const {
  return enabled == Enabled::always || config.has_probe_kind(std::string(kCollectors[static_cast<size_t>(id)].key));
}

bool register_collector(CollectorId id, Enabled enabled, CollectorFactory make) {
  std::string name(collector_name(id));
  if (id == CollectorId::exporter) throw std::logic_error("'exporter' is the exporter itself, not a collector");
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  bool added = r.by_id.emplace(id, CollectorRegistration{id, name, enabled, std::move(make)}).second;
  if (!added) throw std::logic_error("collector '" + name + "' is registered twice");
  return true;
}

std::vector<CollectorRegistration> registered_collectors() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<CollectorRegistration> all;
  for (const auto& [id, registration] : r.by_id) all.push_back(registration);
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
    if (registration.enabled_for(config)) collectors.push_back(registration.make(config, file_system));
  }
  return collectors;
}

}  // namespace symptree
