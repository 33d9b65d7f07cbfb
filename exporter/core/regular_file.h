// A configured file (a certificate, a key, a backup's metadata) opened for
// reading only when it is a regular file: a FIFO, a device or a socket is
// refused without being opened (opening a FIFO blocks until a writer comes, a
// device's open may have effects), and the open itself never blocks, so a
// FIFO swapped in after the check is refused too. Also the words every
// message about such a path uses ("does not exist", "is a FIFO, not a
// regular file", "is not readable (permission denied)").
#pragma once

#include <sys/types.h>

#include <string>

#include "exporter/core/file_system.h"

namespace symptree {

// What is wrong with a path whose call failed with `error` (an errno), as the
// rest of a sentence about it: "does not exist", "is not readable (permission
// denied)", "cannot be read (Input/output error)".
std::string path_error_text(int error);

// What a file of type `mode` (st_mode) is, when a `wanted` ("regular file",
// "directory") was expected: "is a FIFO, not a regular file".
std::string file_type_text(mode_t mode, const std::string& wanted);

// Why a path was not opened: the call's errno (0 when the path is no regular
// file) and the words for it.
struct OpenProblem {
  int error = 0;
  std::string text;
};

// `path` opened for reading when it is a regular file (symlinks followed);
// otherwise null, with `problem` saying why.
FilePtr open_regular_file(FileSystem& file_system, const std::string& path, OpenProblem& problem);

}  // namespace symptree
