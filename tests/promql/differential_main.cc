// The PromQL differential test: symptree's parser and promtool must agree on
// accepting or rejecting every expression of the corpus (hand-written
// corpus.promql, a seeded grammar-based generator, and token mutations of
// both). Usage: promql_differential SOURCE_DIR [PROMTOOL] [--show] [--seed N] [--count N]
//   --show prints every expression with both verdicts; --seed and --count
//   change the generator's seed and size for exploratory runs (ctest uses the defaults).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include <unistd.h>

#include "generator/promql/fold.h"
#include "generator/promql/label_inference.h"
#include "generator/promql/parser.h"
#include "tests/promql/expression_generator.h"
#include "tests/promql/promtool_batch.h"

using namespace symptree;

namespace {

// corpus.promql: one expression a line; lines starting with "##" are notes,
// "⏎" stands for a newline inside an expression.
std::vector<std::string> read_corpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("##", 0) == 0 || line.empty()) continue;
    for (size_t p; (p = line.find("⏎")) != std::string::npos;) line.replace(p, std::string("⏎").size(), "\n");
    out.push_back(line);
  }
  return out;
}

std::vector<std::string> unique(const std::vector<std::vector<std::string>>& parts) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& part : parts) {
    for (const auto& e : part) {
      if (e.find('\r') == std::string::npos && seen.insert(e).second) out.push_back(e);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: promql_differential SOURCE_DIR [PROMTOOL] [--show]\n";
    return 2;
  }
  std::string source = argv[1];
  std::string promtool = "promtool";
  bool show = false;
  uint64_t seed = 20261129;
  size_t count = 2000;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--show") {
      show = true;
    } else if ((arg == "--seed" || arg == "--count") && i + 1 < argc) {
      (arg == "--seed" ? seed : count) = std::stoull(argv[++i]);
    } else {
      promtool = arg;
    }
  }
  try {
    auto corpus = read_corpus(source + "/tests/promql/corpus.promql");
    auto generated = promql_test::generate_expressions(count, seed);
    auto expressions = unique({corpus, generated, promql_test::mutate(corpus, 2, 7), promql_test::mutate(generated, 1, 11)});
    auto dir = std::filesystem::temp_directory_path() / ("promql_differential." + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto verdicts = promql_test::promtool_verdicts(expressions, promtool, dir.string());
    std::filesystem::remove_all(dir);
    size_t accepted = 0, disagreements = 0;
    for (size_t i = 0; i < expressions.size(); ++i) {
      promql::ParseResult ours = promql::parse_promql(expressions[i]);
      if (ours.ok()) {  // every accepted tree also goes through label inference and folding
        promql::infer_labels(*ours.expr);
        promql::fold_constant(*ours.expr);
      }
      bool theirs_ok = !verdicts[i];
      accepted += theirs_ok;
      std::string our_error = ours.ok() ? "" : ours.errors.front().message;
      if (ours.ok() != theirs_ok || show) {
        disagreements += ours.ok() != theirs_ok;
        std::cout << (ours.ok() != theirs_ok ? "DISAGREE " : "agree    ") << "[" << expressions[i] << "]\n"
                  << "  symptree: " << (ours.ok() ? "accepts" : "rejects: " + our_error) << "\n"
                  << "  promtool: " << (theirs_ok ? "accepts" : "rejects: " + *verdicts[i]) << "\n";
      }
    }
    std::cout << expressions.size() << " expressions (" << corpus.size() << " hand-written, " << generated.size()
              << " generated, the rest mutations): promtool accepts " << accepted << ", rejects "
              << expressions.size() - accepted << "; " << disagreements << " disagreements\n";
    if (expressions.size() < 1000) {
      std::cout << "FAIL: fewer than 1000 expressions\n";
      return 1;
    }
    return disagreements == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "promql_differential: " << e.what() << "\n";
    return 1;
  }
}
