// Alertmanager label matchers: parsing the `label op "value"` syntax of
// hand-written routes and inhibit rules, writing it, and evaluating matchers
// against a set of labels (to predict where an alert is routed, and whether an
// inhibit rule could let alerts of one kind mute each other).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/alertmanager_settings.h"

namespace symptree {

using LabelSet = std::map<std::string, std::string>;

// Parses one matcher; on failure returns nullopt and sets `error`.
std::optional<AmMatcher> parse_matcher(const std::string& text, std::string& error);

// `label="value"`, quoted and escaped as Alertmanager reads it.
std::string format_matcher(const AmMatcher& matcher);

AmMatcher label_equals(const std::string& label, const std::string& value);
// `label=~"a|b|c"` for several values, `label="a"` for one.
AmMatcher one_of(const std::string& label, const std::vector<std::string>& values);

// Whether every matcher holds for `labels` (an absent label reads as "").
// Regular expressions are anchored, as in Alertmanager.
bool matches_all(const std::vector<AmMatcher>& matchers, const LabelSet& labels);

}  // namespace symptree
