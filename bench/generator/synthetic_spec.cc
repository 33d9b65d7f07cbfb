// Writing a synthetic spec as YAML text.
#include "bench/generator/synthetic_spec.h"

#include <sstream>

namespace symptree {

std::string synthetic_spec(int branches) {
  const int causes_per_symptom = 10;
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
      out << "      - id: cause_" << b << "\n        title: Cause " << b << " holds?\n"
          << (b % 3 == 0 ? "        priority: P2\n" : "")
          << "        when: 'synth_cause_" << b << "_ratio{shard=\"s" << c << "\"} >= 0." << (b % 90 + 10) << "'\n"
          << "        runbook: runbooks/symptom-" << s << ".md\n        section: Cause " << b << "\n";
    }
  }
  return out.str();
}

}  // namespace symptree
