// Runbook links point at files and sections that exist, when a local copy is given.
#include "generator/check/runbook_check.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "common/slug.h"

namespace symptree {
namespace {

// The GitHub anchors of the Markdown headings in `file`, with -1, -2 suffixes for repeats.
std::set<std::string> heading_anchors(const std::filesystem::path& file) {
  std::set<std::string> anchors;
  std::map<std::string, int> seen;
  std::ifstream in(file);
  std::string line;
  bool in_code = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) in_code = !in_code;
    if (in_code || line.empty() || line[0] != '#') continue;
    size_t text = line.find_first_not_of('#');
    if (text == std::string::npos || line[text] != ' ') continue;
    std::string slug = github_slug(line.substr(text + 1));
    int count = seen[slug]++;
    anchors.insert(count == 0 ? slug : slug + "-" + std::to_string(count));
  }
  return anchors;
}

}  // namespace

void check_runbooks(const Model& model, const std::string& spec_dir, Diagnostics& diagnostics) {
  if (model.runbook_dir.empty()) return;
  namespace fs = std::filesystem;
  fs::path dir = fs::path(spec_dir) / model.runbook_dir;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    diagnostics.error(model.runbook_dir_where, "runbooks.dir '" + dir.string() + "' is not a directory");
    return;
  }
  std::map<std::string, std::set<std::string>> anchors_by_file;
  for (const Node& node : model.nodes) {
    if (!node.runbook || node.runbook->url.rfind(model.runbook_base_url, 0) != 0) continue;
    const RunbookLink& link = *node.runbook;
    fs::path file = dir / link.path;
    if (!fs::is_regular_file(file, error)) {
      diagnostics.error(link.where, "runbook '" + link.path + "' does not exist under " + dir.string());
      continue;
    }
    if (link.anchor.empty()) continue;
    auto cached = anchors_by_file.find(link.path);
    if (cached == anchors_by_file.end()) cached = anchors_by_file.emplace(link.path, heading_anchors(file)).first;
    if (!cached->second.count(link.anchor)) {
      std::vector<std::string> known(cached->second.begin(), cached->second.end());
      diagnostics.error(link.where, "runbook '" + link.path + "' has no section '#" + link.anchor + "'",
                        suggestion(link.anchor, known));
    }
  }
}

}  // namespace symptree
