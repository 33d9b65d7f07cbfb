// The hosts a test scenario places facts on, and the labels their series and
// scrape targets carry: join labels valued per host (`host="host-a"`), or
// pinned where a condition fixes them, and the target's instance and job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "generator/model/model.h"

namespace symptree {

// metric{a="1",b="2"}, labels sorted and values escaped.
std::string series_selector(const std::string& metric, const std::map<std::string, std::string>& labels);

// The hosts a scenario can place facts on: A and B, and more (nth_test_host)
// when one case gives each falsified ancestor a host of its own.
enum class TestHost : int { A = 0, B = 1 };
constexpr int kMaxTestHosts = 26;  // host-a .. host-z
inline TestHost nth_test_host(int n) { return static_cast<TestHost>(n); }

// "-a", "-b", ...: the suffix of a host's made-up label values, two characters.
std::string host_suffix(TestHost host);

// Join label values a scenario's first host takes instead of made-up ones,
// because a condition on its path fixes them (model/join_pins.h).
using PinnedValues = std::map<std::string, std::string>;

// Labels a series or alert carries for a host: each label of `join`, e.g.
// host="host-a" (or its pinned value on host A).
std::map<std::string, std::string> host_labels(const std::vector<std::string>& join, TestHost host,
                                               const PinnedValues& pins = {});
// The same for the spec's join_on (absence alerts, the service's `up`).
std::map<std::string, std::string> host_labels(const Model& model, TestHost host);
// The same for the series of `node`'s condition: its join set (Model::series_join).
std::map<std::string, std::string> host_labels(const Model& model, int node, TestHost host,
                                               const PinnedValues& pins = {});

// The labels of a declared source's target on `host`: the labels of `join` the
// source lists (no others are made up), instance and job.
std::map<std::string, std::string> source_target(const std::vector<std::string>& join, const Source& source,
                                                 TestHost host, const PinnedValues& pins = {});
// The same for the spec's join_on (absence alerts).
std::map<std::string, std::string> source_target(const Model& model, const Source& source, TestHost host);

}  // namespace symptree
