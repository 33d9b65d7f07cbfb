// Reading, checking and rendering alert templates: a small lexer for the
// inside of `{{ }}`, a pipeline parser, a type check (which functions take a
// number, how many arguments printf's format wants) and the evaluator.
#include "generator/model/alert_template.h"

#include <cctype>
#include <stdexcept>

#include "common/diagnostics.h"

namespace symptree {
namespace {

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = {"humanize", "humanize1024", "humanizeDuration",
                                                 "humanizePercentage", "printf"};
  return names;
}

const char* kSupported = "symptree renders {{ $value }}, {{ $labels.name }}, {{ \"text\" }} and the functions humanize, "
                         "humanize1024, humanizeDuration, humanizePercentage and printf (call or pipe form)";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A failed parse: the error is already set.
struct Failure {};

// Parses one template; each method reads at `at_` and throws Failure after setting `error_`.
class TemplateParser {
 public:
  TemplateParser(const std::string& text, TemplateError& error) : text_(text), error_(error) {}

  AlertTemplate parse() {
    AlertTemplate parsed;
    size_t literal_start = 0;
    while (true) {
      size_t open = text_.find("{{", at_);
      if (open == std::string::npos) break;
      if (open > literal_start) parsed.parts.push_back({text_.substr(literal_start, open - literal_start), {}, literal_start});
      at_ = open + 2;
      parsed.parts.push_back({"", action(open), open});
      literal_start = at_;
    }
    if (literal_start < text_.size()) parsed.parts.push_back({text_.substr(literal_start), {}, literal_start});
    return parsed;
  }

 private:
  [[noreturn]] void fail(size_t offset, std::string message, std::string hint = kSupported) {
    error_ = {offset, std::move(message), std::move(hint)};
    throw Failure{};
  }

  void skip_spaces() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }

  bool at_end_of_action() { return text_.compare(at_, 2, "}}") == 0; }

  // `{{` was read at `open`; reads the pipeline and the closing `}}`.
  std::vector<TemplateCommand> action(size_t open) {
    if (text_.compare(at_, 1, "-") == 0 || text_.compare(at_, 2, "/*") == 0) {
      fail(open, "'{{' opens a template action, and symptree does not support trim markers or comments",
           "write {{ \"{{\" }} for a literal '{{'");
    }
    std::vector<TemplateCommand> pipeline;
    skip_spaces();
    if (at_ >= text_.size()) fail(open, "'{{' opens a template action that is never closed with '}}'",
                                  "write {{ \"{{\" }} for a literal '{{'");
    if (at_end_of_action()) fail(open, "empty template action '{{}}'", "write {{ \"{{\" }} for a literal '{{'");
    while (true) {
      pipeline.push_back(command(pipeline.empty()));
      skip_spaces();
      if (at_ >= text_.size()) fail(open, "'{{' opens a template action that is never closed with '}}'");
      if (at_end_of_action()) break;
      if (text_[at_] != '|') fail(at_, "unexpected '" + text_.substr(at_, 1) + "' in a template action");
      ++at_;
      skip_spaces();
    }
    at_ += 2;
    check_types(pipeline);
    return pipeline;
  }

  // An operand, or a function and its operands (up to `|` or `}}`).
  TemplateCommand command(bool first) {
    size_t start = at_;
    if (at_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[at_]))) {
      TemplateCommand call{TemplateCommand::Kind::Call, word(), {}, {}, start};
      check_function(call);
      while (true) {
        skip_spaces();
        if (at_ >= text_.size() || at_end_of_action() || text_[at_] == '|') break;
        call.args.push_back(operand());
      }
      return call;
    }
    TemplateCommand single = operand();
    if (!first) fail(start, "after '|' comes a function, which gets the value on its left as its last argument");
    skip_spaces();
    if (at_ < text_.size() && !at_end_of_action() && text_[at_] != '|') {
      fail(at_, "unexpected '" + text_.substr(at_, 1) + "' after an operand", "one operand a command, or a function call");
    }
    return single;
  }

  std::string word() {
    size_t start = at_;
    while (at_ < text_.size() && is_word(text_[at_])) ++at_;
    return text_.substr(start, at_ - start);
  }

  void check_function(const TemplateCommand& call) {
    for (const std::string& name : function_names()) {
      if (call.text == name) return;
    }
    std::string hint = suggestion(call.text, function_names());
    fail(call.offset, "unknown template function '" + call.text + "'", hint + "; " + kSupported);
  }

  TemplateCommand operand() {
    size_t start = at_;
    char c = text_[at_];
    if (c == '"' || c == '`') return {TemplateCommand::Kind::String, string_literal(), {}, {}, start};
    if (c == '$') {
      ++at_;
      std::string name = word();
      if (name == "value") {
        if (at_ < text_.size() && text_[at_] == '.') fail(at_, "$value is a number: it has no fields");
        return {TemplateCommand::Kind::Value, "", {}, {}, start};
      }
      if (name == "labels") {
        if (at_ >= text_.size() || text_[at_] != '.') fail(start, "$labels needs a label name: $labels.name");
        ++at_;
        size_t label_start = at_;
        std::string label = word();
        if (label.empty() || std::isdigit(static_cast<unsigned char>(label[0]))) {
          fail(label_start, "$labels. must be followed by a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        return {TemplateCommand::Kind::Label, label, {}, {}, start};
      }
      fail(start, "unknown template variable '$" + name + "'", kSupported);
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      fail(start, "a function call as an argument needs parentheses, which symptree does not support",
           "use a pipe: {{ $value | humanize }}");
    }
    fail(start, "unexpected '" + text_.substr(at_, 1) + "' in a template action");
  }

  // "..." with Go's common escapes, or `raw`.
  std::string string_literal() {
    char quote = text_[at_];
    size_t start = at_++;
    std::string value;
    while (at_ < text_.size() && text_[at_] != quote) {
      char c = text_[at_++];
      if (c == '\n' && quote == '"') break;
      if (c != '\\' || quote == '`') {
        value.push_back(c);
        continue;
      }
      char escaped = at_ < text_.size() ? text_[at_++] : '\0';
      switch (escaped) {
        case '"': value.push_back('"'); break;
        case '\\': value.push_back('\\'); break;
        case 'n': value.push_back('\n'); break;
        case 't': value.push_back('\t'); break;
        default: fail(at_ - 2, "escape '\\" + std::string(1, escaped) + "' is not one symptree reads",
                      "use \\\" \\\\ \\n \\t, or a `raw string`");
      }
    }
    if (at_ >= text_.size() || text_[at_] != quote) fail(start, "this string is never closed");
    ++at_;
    return value;
  }

  // Each function gets a number or a string where it expects one, and as many
  // arguments as it takes (a piped value last).
  void check_types(std::vector<TemplateCommand>& pipeline) {
    std::optional<bool> piped;  // the previous command's result: a number (true) or a string
    for (TemplateCommand& command : pipeline) {
      if (command.kind != TemplateCommand::Kind::Call) {
        piped = command.kind == TemplateCommand::Kind::Value;
        continue;
      }
      std::vector<bool> numbers;
      for (const TemplateCommand& arg : command.args) numbers.push_back(arg.kind == TemplateCommand::Kind::Value);
      if (piped) numbers.push_back(*piped);
      if (command.text == "printf") check_printf(command, numbers);
      else check_humanize(command, numbers);
      piped = false;  // every function returns a string
    }
  }

  void check_humanize(const TemplateCommand& call, const std::vector<bool>& numbers) {
    if (numbers.size() != 1) {
      fail(call.offset, call.text + " takes one argument, got " + std::to_string(numbers.size()),
           "{{ " + call.text + " $value }} or {{ $value | " + call.text + " }}");
    }
    if (!numbers[0]) {
      size_t where = call.args.empty() ? call.offset : call.args[0].offset;
      fail(where, call.text + " takes a number ($value), not a string", "{{ $value | " + call.text + " }}");
    }
  }

  void check_printf(TemplateCommand& call, const std::vector<bool>& numbers) {
    if (call.args.empty() || call.args[0].kind != TemplateCommand::Kind::String) {
      fail(call.offset, "printf needs its format, a string, right after it", "{{ printf \"%.1f\" $value }}");
    }
    const TemplateCommand& format = call.args[0];
    std::string problem;
    size_t at = 0;
    std::optional<std::vector<PrintfVerb>> verbs = parse_printf_format(format.text, problem, at);
    if (!verbs) fail(format.offset + 1 + at, problem, "use %f, %e, %g (each with an optional precision: %.2f), %v or %s");
    size_t wanted = 0;
    for (const PrintfVerb& verb : *verbs) {
      if (verb.verb == '%') continue;
      if (++wanted >= numbers.size()) continue;
      if (!verb_accepts(verb, numbers[wanted])) {
        fail(format.offset + 1 + verb.offset, std::string("printf verb '%") + verb.verb + "' does not format " +
                                                  (numbers[wanted] ? "a number" : "a string"),
             numbers[wanted] ? "use %f, %e, %g or %v for $value" : "use %s or %v for a string");
      }
    }
    if (wanted != numbers.size() - 1) {
      fail(call.offset, "printf's format has " + std::to_string(wanted) + " conversion(s) but " +
                            std::to_string(numbers.size() - 1) + " argument(s) follow it",
           "one argument for each % conversion (write %% for a percent sign)");
    }
    call.verbs = *verbs;
  }

  const std::string& text_;
  TemplateError& error_;
  size_t at_ = 0;
};

void collect(const TemplateCommand& command, std::vector<const TemplateCommand*>& into) {
  into.push_back(&command);
  for (const TemplateCommand& arg : command.args) collect(arg, into);
}

std::vector<const TemplateCommand*> operands(const AlertTemplate& parsed) {
  std::vector<const TemplateCommand*> all;
  for (const TemplatePart& part : parsed.parts) {
    for (const TemplateCommand& command : part.pipeline) collect(command, all);
  }
  return all;
}

TemplateValue evaluate(const TemplateCommand& command, const std::map<std::string, std::string>& labels, double value,
                       const std::optional<TemplateValue>& piped) {
  switch (command.kind) {
    case TemplateCommand::Kind::Value: return value;
    case TemplateCommand::Kind::String: return command.text;
    case TemplateCommand::Kind::Label: {
      auto it = labels.find(command.text);
      return it == labels.end() ? std::string() : it->second;
    }
    case TemplateCommand::Kind::Call: break;
  }
  std::vector<TemplateValue> args;
  for (const TemplateCommand& arg : command.args) args.push_back(evaluate(arg, labels, value, std::nullopt));
  if (piped) args.push_back(*piped);
  if (command.text == "printf") {
    std::vector<TemplateValue> rest(args.begin() + 1, args.end());
    return go_printf(command.verbs, std::get<std::string>(args[0]), rest);
  }
  return *humanize_function(command.text, std::get<double>(args.at(0)));
}

}  // namespace

std::vector<std::pair<std::string, size_t>> AlertTemplate::labels() const {
  std::vector<std::pair<std::string, size_t>> found;
  for (const TemplateCommand* command : operands(*this)) {
    if (command->kind == TemplateCommand::Kind::Label) found.emplace_back(command->text, command->offset);
  }
  return found;
}

std::optional<size_t> AlertTemplate::value_use() const {
  for (const TemplateCommand* command : operands(*this)) {
    if (command->kind == TemplateCommand::Kind::Value) return command->offset;
  }
  return std::nullopt;
}

std::optional<AlertTemplate> parse_alert_template(const std::string& text, TemplateError& error) {
  try {
    return TemplateParser(text, error).parse();
  } catch (const Failure&) {
    return std::nullopt;
  }
}

std::string render_alert_template(const AlertTemplate& parsed, const std::map<std::string, std::string>& labels,
                                  double value) {
  std::string out;
  for (const TemplatePart& part : parsed.parts) {
    if (part.pipeline.empty()) {
      out += part.literal;
      continue;
    }
    std::optional<TemplateValue> result;
    for (const TemplateCommand& command : part.pipeline) result = evaluate(command, labels, value, result);
    out += go_print(*result);
  }
  return out;
}

std::string expand_template(const std::string& text, const std::map<std::string, std::string>& labels, double value) {
  TemplateError error;
  std::optional<AlertTemplate> parsed = parse_alert_template(text, error);
  if (!parsed) throw std::logic_error("not a checked template: " + error.message + " in: " + text);
  return render_alert_template(*parsed, labels, value);
}

std::string template_literal(const std::string& text) {
  size_t braces = text.find("{{");
  if (braces == std::string::npos) return text;  // the usual text: nothing to escape
  std::string out(text, 0, braces);
  for (size_t i = braces; i < text.size(); ++i) {
    if (text.compare(i, 2, "{{") == 0) {
      out += "{{ \"{{\" }}";
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace symptree
