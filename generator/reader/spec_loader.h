// The reader folder's public header: loading a spec file into the Model
// (structure, types and references), with every error at file:line:column.
// The deeper checks (metrics, runbooks, PromQL, testability) live in check/.
// The readers of the spec's sections are internal to this folder, each with
// its own header: settings_reader, priority_reader, node_reader,
// alertmanager_reader (with receiver_reader and merge_reader),
// deployment_reader, grafana_reader; names holds the naming rules they share.
#pragma once

#include <optional>
#include <string>

#include "common/diagnostics.h"
#include "generator/model/model.h"

namespace symptree {

std::optional<Model> load_spec(const std::string& path, Diagnostics& diagnostics);
std::optional<Model> load_spec_text(const std::string& path, const std::string& text, Diagnostics& diagnostics);
// The model as far as it could be read, even when the spec has errors (nullopt
// only when there is no spec at all), so the checks can report the tree's
// errors in the same run as, say, a receiver's.
std::optional<Model> load_spec_text_partial(const std::string& path, const std::string& text,
                                            Diagnostics& diagnostics);

}  // namespace symptree
