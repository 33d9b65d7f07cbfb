// Rendering the flowchart's DOT with Graphviz.
#include "generator/emit/docs_svg.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/process.h"
#include "generator/emit/output_set.h"

namespace symptree {
namespace fs = std::filesystem;
namespace {

// A private temporary directory, removed when this goes out of scope.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "symptree-dot.XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Puts `marker` right after the XML declaration (or first, when there is none).
std::string stamp(const std::string& svg, const std::string& marker) {
  size_t end = svg.compare(0, 5, "<?xml") == 0 ? svg.find("?>") : std::string::npos;
  if (end == std::string::npos) return marker + "\n" + svg;
  return svg.substr(0, end + 2) + "\n" + marker + svg.substr(end + 2);
}

}  // namespace

std::string svg_source_marker(const std::string& dot_text) {
  return "<!-- symptree: rendered from flowchart.dot sha256:" + sha256_hex(dot_text) + " -->";
}

std::optional<std::string> render_svg(const std::string& dot_text, const std::string& dot_program, std::string& error) {
  if (!find_in_path(dot_program)) {
    error = "Graphviz `" + dot_program + "` is not installed";
    return std::nullopt;
  }
  TemporaryDirectory dir;
  if (dir.path().empty()) {
    error = "cannot create a temporary directory for dot";
    return std::nullopt;
  }
  fs::path input = dir.path() / "flowchart.dot", output = dir.path() / "flowchart.svg";
  std::ofstream(input, std::ios::binary) << dot_text;
  ProcessResult result = run_process({dot_program, "-Tsvg", input.string(), "-o", output.string()}, 60);
  std::ifstream in(output, std::ios::binary);
  if (result.exit_code != 0 || !in) {
    error = dot_program + " failed: " + (result.timed_out ? "timed out" : result.output);
    return std::nullopt;
  }
  std::ostringstream svg;
  svg << in.rdbuf();
  return stamp(svg.str(), svg_source_marker(dot_text));
}

}  // namespace symptree
