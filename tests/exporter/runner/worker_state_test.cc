// WorkerState as an ItemTracker: stuck items are refused, an abandoned run
// stops and frees the item it hung on, slow items are noted.
#include <doctest/doctest.h>

#include "exporter/runner/worker_state.h"

using namespace symptree;

TEST_CASE("WorkerState tracks the current item and refuses stuck ones") {
  auto stuck = std::make_shared<ItemSet>("filesystem", "answered again");
  WorkerState state(stuck, std::make_shared<ItemSet>("filesystem", ""), std::chrono::milliseconds(1000));
  CHECK(state.enter("/a") == ItemTracker::Admission::go);
  CHECK(state.current_item == "/a");
  stuck->add("/b");
  CHECK(state.enter("/b") == ItemTracker::Admission::stuck);
  CHECK(state.current_item.empty());
  state.leave();
  CHECK(stuck->contains("/b"));  // a live worker leaving does not free others' stuck items
}

TEST_CASE("an abandoned worker whose call returns frees its item and stops") {
  auto stuck = std::make_shared<ItemSet>("filesystem", "answered again");
  WorkerState state(stuck, std::make_shared<ItemSet>("filesystem", ""), std::chrono::milliseconds(1000));
  CHECK(state.enter("/nfs") == ItemTracker::Admission::go);
  // The runner gives up: it marks the worker abandoned and the item stuck.
  state.abandoned = true;
  stuck->add("/nfs");
  // The hung call returns; the run tries its next item.
  CHECK(state.enter("/data") == ItemTracker::Admission::stopped);
  CHECK_FALSE(stuck->contains("/nfs"));
  CHECK(state.current_item.empty());
}

TEST_CASE("an abandoned worker whose last item returns frees it when the run ends") {
  auto stuck = std::make_shared<ItemSet>("filesystem", "answered again");
  WorkerState state(stuck, std::make_shared<ItemSet>("filesystem", ""), std::chrono::milliseconds(1000));
  CHECK(state.enter("/nfs") == ItemTracker::Admission::go);
  state.abandoned = true;
  stuck->add("/nfs");
  state.leave();
  CHECK_FALSE(stuck->contains("/nfs"));
}

TEST_CASE("an item checked for longer than slow_after joins the slow set, a fast check takes it out") {
  auto slow = std::make_shared<ItemSet>("http", "");
  WorkerState state(std::make_shared<ItemSet>("http", ""), slow, std::chrono::milliseconds(20));
  CHECK(state.enter("http://a") == ItemTracker::Admission::go);
  state.item_started -= std::chrono::milliseconds(50);  // as if the check had taken 50 ms
  CHECK(state.enter("http://b") == ItemTracker::Admission::go);
  CHECK(slow->contains("http://a"));
  state.leave();
  CHECK_FALSE(slow->contains("http://b"));
  CHECK(state.enter("http://a") == ItemTracker::Admission::go);  // slow items are still checked
  state.leave();
  CHECK_FALSE(slow->contains("http://a"));
}
