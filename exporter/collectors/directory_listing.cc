// DirectoryListing: names in one buffer, entries in one vector, an
// open-addressing table (linear probing, backward-shift deletion) over them.
#include "exporter/collectors/directory_listing.h"

#include <functional>

namespace symptree {
namespace {

size_t hash_of(std::string_view name) { return std::hash<std::string_view>()(name); }

}  // namespace

size_t DirectoryListing::slot_of(std::string_view name) const {
  size_t mask = slots_.size() - 1;
  for (size_t slot = hash_of(name) & mask;; slot = (slot + 1) & mask) {
    if (slots_[slot] == kEmpty || name_of(entries_[slots_[slot]]) == name) return slot;
  }
}

const FileEntry* DirectoryListing::find(std::string_view name) const {
  if (slots_.empty()) return nullptr;
  uint32_t index = slots_[slot_of(name)];
  return index == kEmpty ? nullptr : &entries_[index].entry;
}

bool DirectoryListing::put(std::string_view name, const FileEntry& entry, FileEntry& old) {
  if ((entries_.size() + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);  // at most half full
  size_t slot = slot_of(name);
  if (slots_[slot] != kEmpty) {
    old = entries_[slots_[slot]].entry;
    entries_[slots_[slot]].entry = entry;
    return true;
  }
  slots_[slot] = static_cast<uint32_t>(entries_.size());
  entries_.push_back({entry, static_cast<uint32_t>(names_.size()), static_cast<uint32_t>(name.size())});
  names_.append(name);
  return false;
}

bool DirectoryListing::remove(std::string_view name, FileEntry& old) {
  if (slots_.empty()) return false;
  size_t hole = slot_of(name);
  uint32_t index = slots_[hole];
  if (index == kEmpty) return false;
  old = entries_[index].entry;
  dead_name_bytes_ += entries_[index].name_length;
  // Backward shift: move up each later entry of the run that may sit in the hole.
  size_t mask = slots_.size() - 1;
  for (size_t next = (hole + 1) & mask; slots_[next] != kEmpty; next = (next + 1) & mask) {
    size_t home = hash_of(name_of(entries_[slots_[next]])) & mask;
    if (((next - home) & mask) >= ((next - hole) & mask)) {
      slots_[hole] = slots_[next];
      hole = next;
    }
  }
  slots_[hole] = kEmpty;
  // The last entry takes the removed one's place.
  uint32_t last = static_cast<uint32_t>(entries_.size() - 1);
  if (index != last) {
    slots_[slot_of(name_of(entries_[last]))] = index;
    entries_[index] = entries_[last];
  }
  entries_.pop_back();
  if (dead_name_bytes_ > 4096 && dead_name_bytes_ * 2 > names_.size()) compact_names();
  return true;
}

void DirectoryListing::reserve(size_t files, size_t name_bytes) {
  entries_.reserve(entries_.size() + files);
  names_.reserve(names_.size() + name_bytes);
  size_t slots = slots_.empty() ? 16 : slots_.size();
  while ((entries_.size() + files) * 2 > slots) slots *= 2;
  if (slots != slots_.size()) rehash(slots);
}

void DirectoryListing::rehash(size_t slots) {
  slots_.assign(slots, kEmpty);
  size_t mask = slots_.size() - 1;
  for (uint32_t index = 0; index < entries_.size(); ++index) {
    size_t slot = hash_of(name_of(entries_[index])) & mask;
    while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
    slots_[slot] = index;
  }
}

void DirectoryListing::compact_names() {
  std::string names;
  names.reserve(names_.size() - dead_name_bytes_);
  for (Stored& stored : entries_) {
    std::string_view name = name_of(stored);
    stored.name_offset = static_cast<uint32_t>(names.size());
    names.append(name);
  }
  names_.swap(names);
  dead_name_bytes_ = 0;
}

}  // namespace symptree
