// The reason OpenSSL gives for its last failure, in words ("no start line",
// "key values mismatch"), for messages about certificates and keys.
#pragma once

#include <string>

namespace symptree {

// The reason of the earliest error on this thread's OpenSSL queue, or
// `fallback` when there is none or it has no text; clears the queue.
std::string openssl_reason(const std::string& fallback);

}  // namespace symptree
