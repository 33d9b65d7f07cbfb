// Diagnostics: errors found while reading a spec or config file, each tied to a
// position, collected so the user sees every problem in one run.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace symptree {

// A place in a source file. Line and column are 1-based; 0 means "the whole file".
struct SourcePosition {
  std::string file;
  int line = 0;
  int column = 0;

  std::string to_string() const;  // "file:line:col", or "file" when line is 0
};

// One problem found in the input, with an optional hint on how to fix it.
struct Diagnostic {
  SourcePosition where;
  std::string message;
  std::string hint;
};

// Collects diagnostics, each distinct (position, message) once; formats them
// sorted by position, gcc style.
class Diagnostics {
 public:
  void error(const SourcePosition& where, std::string message, std::string hint = "");
  bool has_errors() const { return !errors_.empty(); }
  size_t count() const { return errors_.size(); }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  // The errors ordered by file, line and column (stable: equal positions keep their order).
  std::vector<Diagnostic> sorted() const;
  // "file:line:col: error: message\n    hint: ...\n" for each, in file order.
  std::string format() const;

 private:
  std::vector<Diagnostic> errors_;
  std::set<std::string> seen_;  // "where\0message" of each error
};

// Levenshtein distance, for "did you mean" hints.
size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `word`, or "" when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

// "did you mean 'x'?" when a close candidate exists, else "expected one of: a, b, c".
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace symptree
