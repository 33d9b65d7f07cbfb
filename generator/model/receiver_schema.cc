// The receiver kinds of Alertmanager 0.25 (and later fields) that specs may use.
#include "generator/model/receiver_schema.h"

namespace symptree {
namespace {

constexpr AmVersion k025{0, 25};

FieldSpec plain(const std::string& name, FieldType type = FieldType::String) { return {name, type, "", k025}; }
FieldSpec secret(const std::string& name, const std::string& use_instead) {
  return {name, FieldType::String, use_instead, k025};
}

// http_config, shared by every kind that speaks HTTP.
std::vector<FieldSpec> http_config_fields() {
  const std::string h = "http_config.";
  return {plain(h + "basic_auth.username"),
          secret(h + "basic_auth.password", h + "basic_auth.password_file"),
          plain(h + "basic_auth.password_file"),
          plain(h + "authorization.type"),
          secret(h + "authorization.credentials", h + "authorization.credentials_file"),
          plain(h + "authorization.credentials_file"),
          secret(h + "bearer_token", h + "authorization.credentials_file"),
          plain(h + "bearer_token_file"),
          plain(h + "oauth2.client_id"),
          secret(h + "oauth2.client_secret", h + "oauth2.client_secret_file"),
          plain(h + "oauth2.client_secret_file"),
          plain(h + "oauth2.token_url", FieldType::Url),
          plain(h + "tls_config.ca_file"),
          plain(h + "tls_config.cert_file"),
          plain(h + "tls_config.key_file"),
          plain(h + "tls_config.server_name"),
          plain(h + "tls_config.insecure_skip_verify", FieldType::Bool),
          plain(h + "proxy_url", FieldType::Url),
          plain(h + "follow_redirects", FieldType::Bool),
          plain(h + "enable_http2", FieldType::Bool)};
}

ReceiverKind make_kind(const std::string& name, std::vector<FieldSpec> fields,
                       std::vector<std::vector<std::string>> required, bool http) {
  fields.push_back(plain("send_resolved", FieldType::Bool));
  if (http) {
    for (FieldSpec& f : http_config_fields()) fields.push_back(std::move(f));
  }
  return {name, name + "_configs", std::move(fields), std::move(required)};
}

std::vector<ReceiverKind> build_schema() {
  std::vector<ReceiverKind> kinds;
  kinds.push_back(make_kind("webhook",
                            {plain("url", FieldType::Url), {"url_file", FieldType::String, "", {0, 26}},
                             plain("max_alerts", FieldType::Int)},
                            {{"url", "url_file"}}, true));
  kinds.push_back(make_kind(
      "email",
      {plain("to"), plain("from"), plain("smarthost"), plain("hello"), plain("auth_username"),
       secret("auth_password", "auth_password_file"), plain("auth_password_file"), secret("auth_secret", "-"),
       plain("auth_identity"), plain("require_tls", FieldType::Bool), plain("html"), plain("text"),
       plain("headers", FieldType::Map), plain("tls_config.ca_file"), plain("tls_config.cert_file"),
       plain("tls_config.key_file"), plain("tls_config.server_name"),
       plain("tls_config.insecure_skip_verify", FieldType::Bool)},
      {{"to"}, {"from"}, {"smarthost"}}, false));
  kinds.push_back(make_kind("slack",
                            {secret("api_url", "api_url_file"), plain("api_url_file"), plain("channel"),
                             plain("username"), plain("color"), plain("title"), plain("title_link"), plain("pretext"),
                             plain("text"), plain("footer"), plain("fallback"), plain("callback_id"),
                             plain("icon_emoji"), plain("icon_url", FieldType::Url), plain("image_url"),
                             plain("thumb_url"), plain("link_names", FieldType::Bool),
                             plain("short_fields", FieldType::Bool)},
                            {{"api_url_file"}}, true));
  kinds.push_back(make_kind("pagerduty",
                            {secret("routing_key", "routing_key_file"), plain("routing_key_file"),
                             secret("service_key", "service_key_file"), plain("service_key_file"),
                             plain("url", FieldType::Url), plain("client"), plain("client_url"), plain("description"),
                             plain("severity"), plain("class"), plain("component"), plain("group"),
                             plain("details", FieldType::Map)},
                            {{"routing_key_file", "service_key_file"}}, true));
  kinds.push_back(make_kind("opsgenie",
                            {secret("api_key", "api_key_file"), plain("api_key_file"), plain("api_url", FieldType::Url),
                             plain("message"), plain("description"), plain("source"), plain("tags"), plain("note"),
                             plain("priority"), plain("entity"), plain("actions"),
                             plain("update_alerts", FieldType::Bool), plain("details", FieldType::Map)},
                            {{"api_key_file"}}, true));
  return kinds;
}

}  // namespace

const std::vector<ReceiverKind>& receiver_kinds_schema() {
  static const std::vector<ReceiverKind> kinds = build_schema();
  return kinds;
}

const ReceiverKind* find_receiver_kind(const std::string& name) {
  for (const ReceiverKind& kind : receiver_kinds_schema()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

const FieldSpec* find_field(const ReceiverKind& kind, const std::string& dotted) {
  for (const FieldSpec& field : kind.fields) {
    if (field.name == dotted) return &field;
  }
  size_t dot = dotted.find('.');
  if (dot == std::string::npos) return nullptr;
  for (const FieldSpec& field : kind.fields) {
    if (field.type == FieldType::Map && field.name == dotted.substr(0, dot)) return &field;
  }
  return nullptr;
}

std::vector<std::string> field_names(const ReceiverKind& kind) {
  std::vector<std::string> names;
  for (const FieldSpec& field : kind.fields) names.push_back(field.name);
  return names;
}

std::string secret_replacement(const std::string& config_list, const std::string& key) {
  for (const ReceiverKind& kind : receiver_kinds_schema()) {
    if (kind.config_list != config_list) continue;
    for (const FieldSpec& field : kind.fields) {
      size_t dot = field.name.rfind('.');
      std::string last = dot == std::string::npos ? field.name : field.name.substr(dot + 1);
      if (last == key && !field.use_instead.empty()) {
        size_t use_dot = field.use_instead.rfind('.');
        return field.use_instead == "-" || use_dot == std::string::npos ? field.use_instead
                                                                         : field.use_instead.substr(use_dot + 1);
      }
    }
  }
  // Kinds symptree does not model: the secrets Alertmanager's other integrations take.
  static const std::vector<std::pair<std::string, std::string>> others = {
      {"api_key", "api_key_file"}, {"password", "password_file"}, {"credentials", "credentials_file"},
      {"bearer_token", "bearer_token_file"}, {"client_secret", "client_secret_file"},
      {"routing_key", "routing_key_file"}, {"service_key", "service_key_file"},
      {"auth_password", "auth_password_file"}, {"bot_token", "-"}, {"token", "-"}, {"user_key", "-"},
      {"api_secret", "-"}, {"secret_key", "-"}, {"auth_secret", "-"}};
  for (const auto& [name, use] : others) {
    if (name == key) return use;
  }
  return "";
}

}  // namespace symptree
