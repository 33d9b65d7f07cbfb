// Finding a second YAML document: the first is walked with a handler that
// ignores its events, then the second is stopped at its first event.
#include "common/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace symptree {
namespace {

// Thrown at the first event of the second document, with its position.
struct SecondDocument {
  YAML::Mark mark;
};

// Ignores every event, or (`stop`) throws SecondDocument at the first.
class DocumentProbe : public YAML::EventHandler {
 public:
  explicit DocumentProbe(bool stop) : stop_(stop) {}
  void OnDocumentStart(const YAML::Mark& mark) override { seen(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { seen(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { seen(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    seen(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    seen(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    seen(mark);
  }
  void OnMapEnd() override {}

 private:
  void seen(const YAML::Mark& mark) {
    if (stop_) throw SecondDocument{mark};
  }
  bool stop_;
};

// Whether a line of `text` starts with a document marker or a directive.
bool has_document_marker(const std::string& text) {
  for (size_t line = 0; line < text.size(); line = text.find('\n', line) + 1) {
    if (text.compare(line, 3, "---") == 0 || text.compare(line, 3, "...") == 0 || text[line] == '%') return true;
    if (text.find('\n', line) == std::string::npos) break;
  }
  return false;
}

// A block mapping or list at the root that starts in the first column ends
// only at a document marker; after anything else (a flow collection, a scalar,
// a root indented so that a line in the first column closes it) stray text
// starts a document.
bool root_ends_only_at_marker(const YAML::Node& root) {
  return (root.IsMap() || root.IsSequence()) && root.Style() == YAML::EmitterStyle::Block && root.Mark().column == 0;
}

}  // namespace

std::optional<YAML::Mark> second_document_start(const std::string& text, const YAML::Node& root) {
  if (root_ends_only_at_marker(root) && !has_document_marker(text)) return std::nullopt;
  std::istringstream in(text);
  YAML::Parser parser(in);
  try {
    DocumentProbe skip(false);
    if (!parser.HandleNextDocument(skip)) return std::nullopt;
    DocumentProbe stop(true);
    parser.HandleNextDocument(stop);
  } catch (const SecondDocument& second) {
    return second.mark;
  } catch (const YAML::Exception& e) {
    return e.mark;  // what follows the first document does not even parse
  }
  return std::nullopt;
}

}  // namespace symptree
