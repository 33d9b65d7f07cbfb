// Rendering diagnostics as text, JSON, GitHub annotations or checkstyle XML.
#include "generator/report/diagnostic_formats.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace symptree {

namespace {

// The message with its hint, as the text and GitHub formats show them.
std::string message_with_hint(const Diagnostic& d) {
  return d.hint.empty() ? d.message : d.message + "\nhint: " + d.hint;
}

std::string render_json(const Diagnostics& diagnostics, const std::string& spec) {
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics.sorted()) {
    nlohmann::ordered_json error;
    error["file"] = d.where.file;
    error["line"] = d.where.line > 0 ? nlohmann::ordered_json(d.where.line) : nullptr;
    error["column"] = d.where.line > 0 && d.where.column > 0 ? nlohmann::ordered_json(d.where.column) : nullptr;
    error["severity"] = "error";
    error["message"] = d.message;
    error["hint"] = d.hint.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.hint);
    errors.push_back(std::move(error));
  }
  nlohmann::ordered_json report;
  report["schema_version"] = 1;
  report["spec"] = spec;
  report["ok"] = !diagnostics.has_errors();
  report["errors"] = std::move(errors);
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_github(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics.sorted()) out += github_annotation(d) + "\n";
  return out;
}

// XML attribute text: markup characters and the whitespace an attribute would normalise.
std::string xml_attribute(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        // XML 1.0 allows no other control characters, not even escaped.
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

std::string render_checkstyle(const Diagnostics& diagnostics, const std::string& spec) {
  std::map<std::string, std::vector<Diagnostic>> by_file;
  by_file[spec];  // the checked spec is listed even without errors
  for (const Diagnostic& d : diagnostics.sorted()) by_file[d.where.file].push_back(d);
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& [file, errors] : by_file) {
    out << "  <file name=\"" << xml_attribute(file) << "\">\n";
    for (const Diagnostic& d : errors) {
      out << "    <error line=\"" << std::max(d.where.line, 0) << "\"";
      if (d.where.line > 0 && d.where.column > 0) out << " column=\"" << d.where.column << "\"";
      out << " severity=\"error\" message=\"" << xml_attribute(message_with_hint(d))
          << "\" source=\"symptree\"/>\n";
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
  return out.str();
}

}  // namespace

const std::vector<std::string>& diagnostic_format_names() {
  static const std::vector<std::string> names = {"text", "json", "github", "checkstyle"};
  return names;
}

std::optional<DiagnosticFormat> parse_diagnostic_format(const std::string& name) {
  if (name == "text") return DiagnosticFormat::Text;
  if (name == "json") return DiagnosticFormat::Json;
  if (name == "github") return DiagnosticFormat::Github;
  if (name == "checkstyle") return DiagnosticFormat::Checkstyle;
  return std::nullopt;
}

std::string render_diagnostics(const Diagnostics& diagnostics, const std::string& spec, DiagnosticFormat format) {
  switch (format) {
    case DiagnosticFormat::Json: return render_json(diagnostics, spec);
    case DiagnosticFormat::Github: return render_github(diagnostics);
    case DiagnosticFormat::Checkstyle: return render_checkstyle(diagnostics, spec);
    case DiagnosticFormat::Text: break;
  }
  return diagnostics.format();
}

std::string github_escape_data(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string github_escape_property(const std::string& text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string github_annotation(const Diagnostic& d) {
  std::string out = "::error file=" + github_escape_property(d.where.file);
  if (d.where.line > 0) {
    out += ",line=" + std::to_string(d.where.line);
    if (d.where.column > 0) out += ",col=" + std::to_string(d.where.column);
  }
  return out + "::" + github_escape_data(message_with_hint(d));
}

}  // namespace symptree
