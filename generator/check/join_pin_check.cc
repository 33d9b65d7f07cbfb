// Join label values fixed twice on one chain.
#include "generator/check/join_pin_check.h"

#include "generator/model/join_pins.h"

namespace symptree {

void check_join_pins(const Model& model, Diagnostics& diagnostics) {
  for (size_t index = 0; index < model.nodes.size(); ++index) {
    int node = static_cast<int>(index);
    JoinPins own = node_join_pins(model, node);
    if (own.empty()) continue;
    for (int a : model.conditioned_ancestors(node)) {
      for (const auto& [label, pin] : node_join_pins(model, a)) {
        auto mine = own.find(label);
        if (mine == own.end() || mine->second.value == pin.value || !joined_on(model, node, a, label)) continue;
        diagnostics.error(mine->second.where,
                          "'" + model.nodes[index].id + "' holds only where " + label + "=\"" + mine->second.value +
                              "\", and its ancestor '" + model.nodes[a].id + "' only where " + label + "=\"" +
                              pin.value + "\": joined on " + label + ", they never hold together, so its alert can never fire",
                          "give both the same " + label + ", or drop the matcher on the join label");
        own.erase(mine);
      }
    }
  }
}

}  // namespace symptree
