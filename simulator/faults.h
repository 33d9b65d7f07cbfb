// Faults: the named faults the simulator can be driven into, each on or off.
// Thread-safe; read by the metrics ticker, written by the control endpoint.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace stemedb_sim {

class Faults {
 public:
  // The fault names, each with the flowchart branch it drives.
  static const std::map<std::string, std::string>& catalog();

  // Sets a known fault; false for an unknown name.
  bool set(const std::string& name, bool on);
  bool on(const std::string& name) const;
  // "name on|off  branch" lines, one per known fault.
  std::string describe() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, bool> state_;
};

}  // namespace stemedb_sim
