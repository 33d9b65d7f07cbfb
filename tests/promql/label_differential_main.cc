// Label inference against Prometheus's evaluation: every expression of
// label_corpus.promql is evaluated by `promtool test rules` on fixed series,
// and each result series must carry every label inference calls certain, none
// it calls absent. Constant expressions must fold to the value promtool
// computes, and their exact decimal (when there is one) to the same number.
// Usage: promql_label_differential SOURCE_DIR [PROMTOOL]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <unistd.h>

#include "generator/promql/fold.h"
#include "generator/promql/label_inference.h"
#include "generator/promql/parser.h"

using namespace symptree;

namespace {

struct Series {
  const char* selector;
  const char* values;
};

// The input series, and (from them) the label catalogue inference gets.
const std::vector<Series> kSeries = {
    {"x{host=\"a\",instance=\"i1\",job=\"j\"}", "1+1x10"},
    {"x{host=\"b\",instance=\"i2\",job=\"j\"}", "2+2x10"},
    {"y{host=\"a\",instance=\"i1\",job=\"j\",code=\"500\"}", "3+1x10"},
    {"y{host=\"b\",instance=\"i2\",job=\"j\",code=\"200\"}", "4+1x10"},
    {"build_info{instance=\"i1\",version=\"1.0\"}", "1x10"},
    {"build_info{instance=\"i2\",version=\"1.1\"}", "1x10"},
    {"up{instance=\"i1\",job=\"j\"}", "1x10"},
    {"up{instance=\"i2\",job=\"j\"}", "0x10"},
    {"cert_expiry{host=\"a\",name=\"api\",instance=\"i1\"}", "2000000000x10"},
    {"req_bucket{host=\"a\",le=\"0.1\"}", "0+1x10"},
    {"req_bucket{host=\"a\",le=\"1\"}", "0+3x10"},
    {"req_bucket{host=\"a\",le=\"+Inf\"}", "0+4x10"},
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.rfind("##", 0) != 0) out.push_back(line);
  }
  return out;
}

// {name="value", ...} -> label names; pos moves past the '}'.
std::set<std::string> parse_label_set(const std::string& text, size_t& pos) {
  std::set<std::string> names;
  ++pos;  // '{'
  while (pos < text.size() && text[pos] != '}') {
    size_t eq = text.find('=', pos);
    names.insert(text.substr(pos, eq - pos));
    pos = eq + 2;  // past ="
    while (text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
    ++pos;
    if (text.compare(pos, 2, ", ") == 0) pos += 2;
  }
  ++pos;
  return names;
}

// One result series as promtool prints it: its label names and its value.
struct Sample {
  std::set<std::string> labels;
  double value;
};

// expr text -> its result series, from promtool's failure report.
std::map<std::string, std::vector<Sample>> evaluate(const std::vector<std::string>& exprs,
                                                                   const std::string& promtool) {
  auto dir = std::filesystem::temp_directory_path() / ("promql_labels." + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream((dir / "rules.yml").string()) << "groups: []\n";
  std::ofstream test((dir / "test.yml").string());
  test << "rule_files: [rules.yml]\nevaluation_interval: 1m\ntests:\n- interval: 1m\n  input_series:\n";
  for (const auto& s : kSeries) test << "  - series: '" << s.selector << "'\n    values: '" << s.values << "'\n";
  test << "  promql_expr_test:\n";
  for (const auto& e : exprs) test << "  - expr: '" << e << "'\n    eval_time: 8m\n    exp_samples: []\n";
  test.close();
  std::string command = "cd '" + dir.string() + "' && '" + promtool + "' test rules test.yml 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  for (size_t n; pipe && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  if (pipe) pclose(pipe);
  std::filesystem::remove_all(dir);
  std::map<std::string, std::vector<Sample>> results;
  std::istringstream lines(output);
  std::string line, current;
  while (std::getline(lines, line)) {
    size_t e = line.find("expr: \"");
    if (e != std::string::npos) {
      current.clear();
      for (size_t i = e + 7; i < line.size() && line[i] != '"'; ++i) current += line[i] == '\\' ? line[++i] : line[i];
      continue;
    }
    size_t g = line.find("got: {");
    if (g == std::string::npos) continue;
    for (size_t pos = g + 5; pos < line.size() && line[pos] == '{';) {
      Sample sample{parse_label_set(line, pos), 0};
      sample.value = std::strtod(line.c_str() + pos, nullptr);
      results[current].push_back(sample);
      pos = line.find(", {", pos);
      pos = pos == std::string::npos ? line.size() : pos + 2;
    }
  }
  if (output.find("FAILED") == std::string::npos) throw std::runtime_error("promtool evaluated nothing:\n" + output);
  return results;
}

promql::LabelCatalog catalog_of_series() {
  std::map<std::string, std::vector<std::set<std::string>>> by_metric;
  for (const auto& s : kSeries) {
    promql::ParseResult r = promql::parse_promql(s.selector);
    std::set<std::string> labels;
    for (const auto& m : r.expr->matchers) labels.insert(m.name);
    by_metric[r.expr->metric].push_back(labels);
  }
  promql::LabelCatalog catalog;
  for (const auto& [metric, sets] : by_metric) {
    promql::MetricLabels& m = catalog[metric];
    m.complete = true;
    m.always = sets.front();
    for (const auto& s : sets) {
      std::set<std::string> kept;
      for (const auto& l : m.always) {
        if (s.count(l)) kept.insert(l);
      }
      m.always = kept;
      m.sometimes.insert(s.begin(), s.end());
    }
    for (const auto& l : m.always) m.sometimes.erase(l);
  }
  return catalog;
}

// The problems of one expression's inference against one result series.
std::vector<std::string> check(const promql::LabelInference& inferred, std::set<std::string> actual) {
  std::vector<std::string> problems;
  actual.erase("");
  for (const auto& l : inferred.certain) {
    if (!actual.count(l)) problems.push_back("certain label " + l + " is missing");
  }
  for (const auto& l : actual) {
    if (inferred.presence(l) == promql::Presence::Absent) problems.push_back("absent label " + l + " is present");
  }
  return problems;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: promql_label_differential SOURCE_DIR [PROMTOOL]\n";
    return 2;
  }
  try {
    auto exprs = read_lines(std::string(argv[1]) + "/tests/promql/label_corpus.promql");
    auto results = evaluate(exprs, argc > 2 ? argv[2] : "promtool");
    promql::LabelCatalog catalog = catalog_of_series();
    size_t failures = 0, evaluated = 0, series = 0, folded = 0;
    for (const auto& e : exprs) {
      promql::ParseResult parsed = promql::parse_promql(e);
      if (!parsed.ok()) {
        std::cout << "FAIL [" << e << "]: does not parse: " << parsed.errors.front().message << "\n";
        ++failures;
        continue;
      }
      auto inferred = promql::infer_labels(*parsed.expr, catalog);
      auto it = results.find(e);
      if (it == results.end()) {
        std::cout << "FAIL [" << e << "]: promtool returned no series (the corpus wants every expression to have some)\n";
        ++failures;
        continue;
      }
      ++evaluated;
      for (const auto& sample : it->second) {
        ++series;
        for (const auto& p : check(inferred, sample.labels)) {
          std::cout << "FAIL [" << e << "]: " << p << "\n";
          ++failures;
        }
      }
      if (auto constant = promql::fold_constant(*parsed.expr)) {
        ++folded;
        double got = it->second.front().value;
        bool same = (std::isnan(got) && std::isnan(constant->value)) || constant->value == got;
        // The exact decimal is the number as written (0.1 + 0.2 is 0.3); float64 may be one ulp off it.
        double exact = constant->exact ? std::strtod(constant->exact->to_string().c_str(), nullptr) : constant->value;
        bool close = !constant->exact || std::fabs(exact - got) <= 1e-15 * std::fabs(got);
        if (!same || !close) {
          std::cout << "FAIL [" << e << "]: folds to " << constant->value << " (exact "
                    << (constant->exact ? constant->exact->to_string() : "none") << "), promtool computes " << got << "\n";
          ++failures;
        }
      }
    }
    std::cout << exprs.size() << " expressions, " << evaluated << " evaluated by promtool into " << series
              << " series (" << folded << " constants folded); " << failures << " disagreements\n";
    return failures == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "promql_label_differential: " << e.what() << "\n";
    return 1;
  }
}
