// DirectoryListing: the regular files of one directory as a DirectoryIndex
// knows them (name, size, mtime, bad magic), stored compactly so that a walk
// of a million files allocates per directory, not per file: the names share
// one buffer, the entries one vector, and an open-addressing table of entry
// numbers finds a name for inotify events.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace symptree {

// What a DirectoryIndex knows about one file.
struct FileEntry {
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool bad_magic = false;
};

class DirectoryListing {
 public:
  // Adds or replaces `name`; returns the entry it replaced, if any, in `old`.
  bool put(std::string_view name, const FileEntry& entry, FileEntry& old);
  // Removes `name`; false when it was not there. Its entry is left in `old`.
  bool remove(std::string_view name, FileEntry& old);
  // The entry of `name`, or nullptr.
  const FileEntry* find(std::string_view name) const;
  size_t size() const { return entries_.size(); }
  // Makes room for `files` more names of `name_bytes` in all, so that adding
  // them allocates nothing.
  void reserve(size_t files, size_t name_bytes);
  // Calls f(const FileEntry&) for every file.
  template <typename F>
  void for_each(F f) const {
    for (const Stored& stored : entries_) f(stored.entry);
  }

 private:
  // One file: its entry and where its name is in names_.
  struct Stored {
    FileEntry entry;
    uint32_t name_offset;
    uint32_t name_length;
  };
  static constexpr uint32_t kEmpty = 0xffffffff;

  std::string_view name_of(const Stored& stored) const { return {names_.data() + stored.name_offset, stored.name_length}; }
  // The slot holding `name`, or the empty slot where it would go.
  size_t slot_of(std::string_view name) const;
  // Rebuilds the table with `slots` slots (a power of two, more than twice the entries).
  void rehash(size_t slots);
  void compact_names();

  std::string names_;               // every name, back to back (and names removed since the last compaction)
  size_t dead_name_bytes_ = 0;      // of names removed
  std::vector<Stored> entries_;
  std::vector<uint32_t> slots_;     // entry numbers or kEmpty; linear probing; a power of two long
};

}  // namespace symptree
