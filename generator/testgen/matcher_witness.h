// Label values that an absence selector's kept matchers accept, for the test
// series that report the selector (`mountpoint="/data"` gives "/data",
// `container!=""` a non-empty name, `phase=~"Pending|Failed"` "Pending").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/watched_selectors.h"

namespace symptree {

// One value per label that every matcher on it accepts ("" for a label the
// series must not carry); nullopt when no candidate value is certain to match
// (a regex std::regex cannot read, or one symptree builds no example of): the
// series cannot be written.
std::optional<std::map<std::string, std::string>> matcher_witness(const std::vector<KeptMatcher>& matchers);

}  // namespace symptree
