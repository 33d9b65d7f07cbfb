// DirectoryListing: the compact per-directory file table behaves as a map from
// name to entry through many additions, replacements and removals.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>

#include "exporter/collectors/directory_listing.h"

using namespace symptree;

namespace {

FileEntry entry_of(int64_t size) { return FileEntry{size, size * 1000, size % 3 == 0}; }

// Checks the listing holds exactly what `expected` holds.
void check_same(const DirectoryListing& listing, const std::map<std::string, int64_t>& expected) {
  REQUIRE(listing.size() == expected.size());
  int64_t sum = 0;
  listing.for_each([&](const FileEntry& entry) { sum += entry.size; });
  int64_t expected_sum = 0;
  for (const auto& [name, size] : expected) {
    expected_sum += size;
    const FileEntry* found = listing.find(name);
    REQUIRE(found);
    CHECK(found->size == size);
    CHECK(found->mtime_ns == size * 1000);
    CHECK(found->bad_magic == (size % 3 == 0));
  }
  CHECK(sum == expected_sum);
}

}  // namespace

TEST_CASE("a listing adds, replaces, finds and removes names") {
  DirectoryListing listing;
  FileEntry old;
  CHECK(listing.find("a") == nullptr);
  CHECK_FALSE(listing.remove("a", old));
  CHECK_FALSE(listing.put("a", entry_of(1), old));
  CHECK_FALSE(listing.put("b", entry_of(2), old));
  CHECK(listing.put("a", entry_of(5), old));  // replaced: the old entry comes back
  CHECK(old.size == 1);
  CHECK(listing.size() == 2);
  CHECK(listing.find("a")->size == 5);
  CHECK(listing.remove("a", old));
  CHECK(old.size == 5);
  CHECK(listing.find("a") == nullptr);
  CHECK(listing.find("b")->size == 2);
  CHECK_FALSE(listing.remove("a", old));
}

TEST_CASE("a listing stays a faithful map through 20,000 random changes (growth, collisions, compaction)") {
  DirectoryListing listing;
  std::map<std::string, int64_t> expected;
  std::mt19937 random(17);
  for (int step = 0; step < 20000; ++step) {
    std::string name = "segment-" + std::to_string(random() % 3000) + ".wal";
    FileEntry old;
    if (random() % 3 == 0) {
      bool was_there = expected.erase(name) == 1;
      CHECK(listing.remove(name, old) == was_there);
    } else {
      int64_t size = 1 + static_cast<int64_t>(random() % 100000);
      bool was_there = expected.count(name) == 1;
      CHECK(listing.put(name, entry_of(size), old) == was_there);
      expected[name] = size;
    }
    if (step % 2500 == 0) check_same(listing, expected);
  }
  check_same(listing, expected);
  for (const auto& [name, size] : expected) {  // empties it: every removal finds its name
    FileEntry old;
    CHECK(listing.remove(name, old));
    CHECK(old.size == size);
  }
  CHECK(listing.size() == 0);
}

TEST_CASE("a listing reserved for more names keeps what it held and takes the new ones") {
  DirectoryListing listing;
  FileEntry old;
  std::map<std::string, int64_t> expected;
  for (int i = 0; i < 20; ++i) {
    listing.put("before" + std::to_string(i), entry_of(i), old);
    expected["before" + std::to_string(i)] = i;
  }
  listing.reserve(3000, 3000 * 12);
  check_same(listing, expected);
  for (int i = 0; i < 3000; ++i) {
    CHECK_FALSE(listing.put("after" + std::to_string(i), entry_of(i + 100), old));
    expected["after" + std::to_string(i)] = i + 100;
  }
  listing.reserve(0, 0);  // nothing more: the table stays as it is
  check_same(listing, expected);
}
