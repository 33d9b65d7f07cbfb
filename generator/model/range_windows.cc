// Range windows of the conditions, from their tokens.
#include "generator/model/range_windows.h"

#include "generator/promql/lexer.h"

namespace symptree {

std::optional<RangeWindow> smallest_range_window(const Model& model) {
  std::optional<RangeWindow> smallest;
  for (const Node& node : model.nodes) {
    if (!node.when) continue;
    LexResult lexed = lex_promql(node.when->expr);
    if (!lexed.ok()) continue;  // reported by the node reader
    const std::vector<Token>& tokens = lexed.tokens;
    for (size_t i = 0; i + 2 < tokens.size(); ++i) {
      if (tokens[i].text != "[" || tokens[i + 1].kind != TokenKind::Duration || tokens[i + 2].text != "]") continue;
      std::optional<Duration> window = parse_duration(tokens[i + 1].text);
      if (window && (!smallest || window->ms < smallest->window.ms)) smallest = RangeWindow{*window, node.id, node.when->where};
    }
  }
  return smallest;
}

void check_interval_fits_windows(const Model& model, const std::string& key, const Duration& interval,
                                 const std::string& user, const std::string& samples, const SourcePosition& where,
                                 Diagnostics& diagnostics) {
  std::optional<RangeWindow> smallest = smallest_range_window(model);
  if (!smallest || 2 * interval.ms <= smallest->window.ms) return;
  diagnostics.error(where.line > 0 ? where : smallest->where,
                    "'" + key + "' " + interval.text + " is too long for the " + user + ": '" + smallest->node +
                        "' reads a [" + smallest->window.text + "] window, which needs two " + samples + " in it",
                    "use a " + key + " of at most " + format_duration(smallest->window.ms / 2) + ", or widen the window");
}

}  // namespace symptree
