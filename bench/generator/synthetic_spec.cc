// Writing a synthetic spec as YAML text.
#include "bench/generator/synthetic_spec.h"

#include <sstream>

namespace symptree {

namespace {

// The YAML indentation of a cause at `level` (1: a symptom's cause).
std::string indent(int level) { return std::string(4 * level + 2, ' '); }

}  // namespace

std::string synthetic_spec(int branches, int depth) {
  const int causes_per_symptom = 10;
  int chain = depth > 2 ? depth - 1 : 1;  // depth 1 or 2: every cause right under its symptom
  int symptoms = (branches + causes_per_symptom - 1) / causes_per_symptom;
  std::ostringstream out;
  out << "version: 1\nservice: synth\njoin_on: [host]\n"
         "runbooks: {base_url: https://runbooks.example.com/synth/}\n"
         "priorities:\n  P0: {response: 15m, severity: critical, receiver: pager}\n"
         "  P2: {response: 4h, severity: warning, receiver: pager}\n"
         "receivers:\n  pager: {webhook: {url: http://127.0.0.1:9095/}}\n"
         "app_metrics:\n";
  for (int s = 0; s < symptoms; ++s) out << "  - synth_symptom_" << s << "_errors\n";
  for (int b = 0; b < branches; ++b) out << "  - synth_cause_" << b << "_ratio\n";
  out << "symptoms:\n";
  for (int s = 0, b = 0; s < symptoms; ++s) {
    out << "  - id: symptom_" << s << "\n    title: Symptom " << s << " is visible\n    priority: P0\n"
        << "    when: 'synth_symptom_" << s << "_errors > " << s << "'\n"
        << "    runbook: runbooks/symptom-" << s << ".md\n"
        << "    diagnostics: [{run: \"curl -s http://localhost:8080/health\", why: Check health}]\n"
        << "    causes:\n";
    for (int c = 0; c < causes_per_symptom && b < branches; ++c, ++b) {
      int level = c % chain + 1;  // 1 for a symptom's own cause
      std::string at = indent(level), in = at + "  ";
      if (level > 1) out << indent(level - 1) << "  causes:\n";
      out << at << "- id: cause_" << b << "\n" << in << "title: Cause " << b << " holds?\n"
          << (b % 3 == 0 ? in + "priority: P2\n" : "")
          << in << "when: 'synth_cause_" << b << "_ratio{shard=\"s" << c << "\"} >= 0." << (b % 90 + 10) << "'\n"
          << in << "runbook: runbooks/symptom-" << s << ".md\n" << in << "section: Cause " << b << "\n";
    }
  }
  return out.str();
}

}  // namespace symptree
