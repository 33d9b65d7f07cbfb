// The settings of the spec's receivers: read with positions, then checked
// against the receiver kinds Alertmanager supports, secrets only by file.
#include "generator/reader/receiver_reader.h"

#include <cctype>

#include "generator/model/receiver_schema.h"

namespace symptree {
namespace {

bool valid_value(FieldType type, const std::string& value) {
  switch (type) {
    case FieldType::Bool:
      return value == "true" || value == "false";
    case FieldType::Int:
      if (value.empty() || value.size() > 9) return false;
      for (char c : value) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      }
      return true;
    case FieldType::Url:
      return value.rfind("http://", 0) == 0 || value.rfind("https://", 0) == 0;
    default:
      return true;
  }
}

const char* type_text(FieldType type) {
  switch (type) {
    case FieldType::Bool: return "true or false";
    case FieldType::Int: return "a whole number";
    case FieldType::Url: return "an http:// or https:// URL";
    default: return "a string";
  }
}

void check_field(const Receiver& receiver, const ReceiverKind& kind, const std::string& name, const std::string& value,
                 const AmVersion& version, Diagnostics& diagnostics) {
  const SourcePosition& where = receiver.field_where.at(name);
  const FieldSpec* field = find_field(kind, name);
  if (!field) {
    diagnostics.error(where, "unknown setting '" + name + "' for a " + kind.name + " receiver",
                      suggestion(name, field_names(kind)));
    return;
  }
  if (field->use_instead == "-") {
    diagnostics.error(where, "'" + name + "' is a secret, and Alertmanager " + version.text() +
                                 " cannot read it from a file",
                      "symptree writes no inline secrets; configure this receiver by hand outside the generated file");
    return;
  }
  if (!field->use_instead.empty()) {
    diagnostics.error(where, "'" + name + "' is a secret written inline in the spec",
                      "write it to a file readable by Alertmanager and set '" + field->use_instead +
                          ": /path/to/file' instead");
    return;
  }
  if (!version.at_least(field->since)) {
    diagnostics.error(where, "'" + name + "' needs Alertmanager " + field->since.text() + " or newer; the spec targets " +
                                 version.text(),
                      "set `alertmanager: {version: \"" + field->since.text() + "\"}` if every Alertmanager runs " +
                          field->since.text() + " or newer");
    return;
  }
  if (!valid_value(field->type, value)) {
    diagnostics.error(where, "'" + name + "' must be " + type_text(field->type) + ", got '" + value + "'");
  }
}

void check_required(const Receiver& receiver, const ReceiverKind& kind, const AmVersion& version,
                    Diagnostics& diagnostics) {
  for (const std::vector<std::string>& choices : kind.required) {
    int set = 0;
    std::string usable;
    for (const std::string& name : choices) {
      set += receiver.fields.count(name) ? 1 : 0;
      const FieldSpec* field = find_field(kind, name);
      if (field && version.at_least(field->since)) usable += (usable.empty() ? "'" : "' or '") + name;
    }
    if (set == 0) {
      diagnostics.error(receiver.where, "the " + kind.name + " receiver '" + receiver.name + "' needs " + usable + "'");
    } else if (set > 1) {
      diagnostics.error(receiver.where, "the " + kind.name + " receiver '" + receiver.name + "' sets more than one of " +
                                            usable + "'", "keep one");
    }
  }
}

}  // namespace

void read_receiver_fields(const YamlFile& file, const YamlNode& settings, const std::string& prefix,
                          Receiver& receiver, Diagnostics& diagnostics) {
  for (const auto& field : settings) {
    std::string key = prefix + field.first.Scalar();
    if (field.second.IsMap()) {
      read_receiver_fields(file, field.second, key + ".", receiver, diagnostics);
    } else if (field.second.IsSequence()) {
      diagnostics.error(file.position(field.second), "'" + key + "' of receiver '" + receiver.name +
                                                         "' is a list; spec receivers take single values",
                        "write this receiver by hand in the merge file (`alertmanager: {merge: FILE}`)");
    } else if (std::optional<std::string> text =
                   read_scalar(file, field.second, "'" + key + "' of receiver '" + receiver.name + "'", diagnostics)) {
      receiver.fields[key] = *text;
      receiver.field_where[key] = file.position(field.first);
    }
  }
}

void check_receivers(const Model& model, Diagnostics& diagnostics) {
  for (const Receiver& receiver : model.receivers) {
    const ReceiverKind* kind = find_receiver_kind(receiver.kind);
    if (!kind) continue;  // reported by the reader
    for (const auto& [name, value] : receiver.fields) {
      check_field(receiver, *kind, name, value, model.alertmanager.version, diagnostics);
    }
    check_required(receiver, *kind, model.alertmanager.version, diagnostics);
  }
}

}  // namespace symptree
