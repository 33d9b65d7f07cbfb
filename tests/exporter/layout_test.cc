// The exporter's folders include only downward: main.cc -> web/ -> runner/ -> core/,
// collectors/ -> core/, and all of them common/. Reads every #include under exporter/.
#include <dirent.h>
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "test_support.h"

using namespace symptree::testing;

namespace {

// What each folder may include besides itself (and common/, which everyone may).
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"core", {}},
    {"collectors", {"core"}},
    {"runner", {"core"}},
    {"web", {"runner", "core"}},
    {"", {"web", "runner", "collectors", "core"}},  // main.cc
};

std::vector<std::string> sources_in(const std::string& dir) {
  std::vector<std::string> names;
  DIR* listing = opendir(dir.c_str());
  if (!listing) return names;
  while (struct dirent* entry = readdir(listing)) {
    std::string name = entry->d_name;
    if (name.size() > 3 && (name.substr(name.size() - 3) == ".cc" || name.substr(name.size() - 2) == ".h")) {
      names.push_back(name);
    }
  }
  closedir(listing);
  return names;
}

}  // namespace

TEST_CASE("exporter folders include only downward") {
  std::string root = std::string(SYMPTREE_SOURCE_DIR) + "/exporter";
  std::regex include(R"re(#include "exporter/(?:(\w+)/)?[\w.]+")re");
  size_t files = 0;
  for (const auto& [folder, allowed] : kAllowed) {
    for (const std::string& name : sources_in(folder.empty() ? root : root + "/" + folder)) {
      files++;
      std::string text = read_file(root + "/" + (folder.empty() ? "" : folder + "/") + name);
      for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
        std::string target = (*it)[1];
        CAPTURE(folder + "/" + name + " includes " + (*it)[0].str());
        CHECK((target == folder || allowed.count(target) == 1));
      }
    }
  }
  CHECK(files > 30);
}
