// The settings symptree accepts for each receiver kind, as Alertmanager names
// them: their types, which are secrets (and the `_file` field that replaces
// each), and the Alertmanager release that introduced a field.
#pragma once

#include <string>
#include <vector>

#include "generator/model/alertmanager_settings.h"

namespace symptree {

enum class FieldType { String, Url, Bool, Int, Map };

// One setting of a receiver kind; nested settings use dotted names
// ("http_config.basic_auth.password_file"). A Map holds free-form string keys.
struct FieldSpec {
  std::string name;
  FieldType type = FieldType::String;
  std::string use_instead;  // for a secret: the `_file` field that replaces it; "-" when there is none
  AmVersion since;          // first release with the field
};

// A receiver kind: its Alertmanager list name and its settings.
struct ReceiverKind {
  std::string name;         // webhook
  std::string config_list;  // webhook_configs
  std::vector<FieldSpec> fields;
  // Each inner list names alternatives of which exactly one must be set.
  std::vector<std::vector<std::string>> required;
};

const std::vector<ReceiverKind>& receiver_kinds_schema();
const ReceiverKind* find_receiver_kind(const std::string& name);
// The field named `dotted`, or the Map field it sits in; nullptr when unknown.
const FieldSpec* find_field(const ReceiverKind& kind, const std::string& dotted);
// The names of a kind's fields, for "did you mean" hints.
std::vector<std::string> field_names(const ReceiverKind& kind);

// For hand-written receivers: the `_file` field that replaces an inline secret
// named `key` inside `config_list` (e.g. slack_configs' api_url), "-" when
// Alertmanager has none, "" when `key` is not a secret.
std::string secret_replacement(const std::string& config_list, const std::string& key);

}  // namespace symptree
