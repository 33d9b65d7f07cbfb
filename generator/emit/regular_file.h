// Opening a file in an output folder only when it is a regular file: a FIFO
// or device placed there is never opened, so a compile never waits on one.
// Shared by the old manifest's reader and the comparison with the outputs.
#pragma once

#include <string>

namespace symptree {

// A descriptor of `path` open for reading (the caller closes it), or -1 when
// `path` is missing, not a regular file, or cannot be opened.
int open_regular_file(const std::string& path);

}  // namespace symptree
