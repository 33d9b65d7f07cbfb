// The exporter's folders include only downward: main.cc -> web/ -> runner/ -> core/,
// collectors/ -> core/, and all of them common/; none includes the generator.
// Reads every #include under exporter/: quoted, angle-bracketed and relative.
#include <dirent.h>
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

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

// `name` as a path from the source root: rooted names (exporter/, generator/,
// common/) as written, any other quoted name against `dir`, . and .. folded.
std::string resolved(const std::string& dir, const std::string& name, bool quoted) {
  static const std::regex rooted(R"re((exporter|generator|common)/.*)re");
  if (!quoted || std::regex_match(name, rooted)) return name;
  std::vector<std::string> parts;
  std::stringstream path(dir + "/" + name);
  for (std::string part; std::getline(path, part, '/');) {
    if (part.empty() || part == ".") continue;
    if (part != "..") parts.push_back(part);
    else if (!parts.empty()) parts.pop_back();
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

// The includes in `text` (a file of exporter/`folder`) that break the order,
// each as the line that names it.
std::vector<std::string> bad_includes(const std::string& folder, const std::string& text) {
  static const std::regex include(R"re(^\s*#\s*include\s*(["<])([^">]+)[">])re");
  static const std::regex in_exporter(R"re(exporter/(?:(\w+)/)?[\w.]+)re");
  std::vector<std::string> bad;
  std::stringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch found;
    if (!std::regex_search(line, found, include)) continue;
    std::string dir = "exporter" + (folder.empty() ? "" : "/" + folder);
    std::string target = resolved(dir, found[2], found[1] == "\"");
    std::smatch inside;
    if (target.rfind("generator/", 0) == 0) {
      bad.push_back(line);
    } else if (std::regex_match(target, inside, in_exporter)) {
      std::string to = inside[1];
      if (to != folder && kAllowed.at(folder).count(to) == 0) bad.push_back(line);
    }
  }
  return bad;
}

}  // namespace

TEST_CASE("exporter folders include only downward, and never the generator") {
  std::string root = std::string(SYMPTREE_SOURCE_DIR) + "/exporter";
  size_t files = 0;
  for (const auto& entry : kAllowed) {
    const std::string& folder = entry.first;
    for (const std::string& name : sources_in(folder.empty() ? root : root + "/" + folder)) {
      files++;
      std::string text = read_file(root + "/" + (folder.empty() ? "" : folder + "/") + name);
      CAPTURE(folder + "/" + name);
      CHECK(bad_includes(folder, text) == std::vector<std::string>{});
    }
  }
  CHECK(files > 30);
}

TEST_CASE("the include check sees relative, angle-bracket and generator includes") {
  using Lines = std::vector<std::string>;
  CHECK(bad_includes("core", "#include \"../runner/scraper.h\"\n") == Lines{"#include \"../runner/scraper.h\""});
  CHECK(bad_includes("core", "#include <exporter/runner/scraper.h>\n") == Lines{"#include <exporter/runner/scraper.h>"});
  CHECK(bad_includes("core", "#include \"exporter/web/server.h\"\n") == Lines{"#include \"exporter/web/server.h\""});
  CHECK(bad_includes("runner", "#include \"generator/emit/rules_emitter.h\"\n").size() == 1);
  CHECK(bad_includes("runner", "#include <generator/model/model.h>\n").size() == 1);
  CHECK(bad_includes("", "#include \"../generator/model/model.h\"\n").size() == 1);
  // Allowed: downward, own folder (relative too), common/, system headers.
  CHECK(bad_includes("web", "#include \"../runner/scraper.h\"\n#include \"server.h\"\n").empty());
  CHECK(bad_includes("runner", "#include \"exporter/core/collector.h\"\n#include \"common/slug.h\"\n").empty());
  CHECK(bad_includes("core", "#include <string>\n#include <httplib.h>\n#include \"./collector.h\"\n").empty());
}
