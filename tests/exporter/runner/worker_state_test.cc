// WorkerState as an ItemTracker: stuck items are refused, an abandoned run
// stops and frees the item it hung on.
#include <doctest/doctest.h>

#include "exporter/runner/worker_state.h"

using namespace symptree;

TEST_CASE("WorkerState tracks the current item and refuses stuck ones") {
  auto stuck = std::make_shared<StuckItems>("filesystem");
  WorkerState state(stuck);
  CHECK(state.enter("/a") == ItemTracker::Admission::go);
  CHECK(state.current_item == "/a");
  stuck->add("/b");
  CHECK(state.enter("/b") == ItemTracker::Admission::stuck);
  CHECK(state.current_item.empty());
  state.leave();
  CHECK(stuck->contains("/b"));  // a live worker leaving does not free others' stuck items
}

TEST_CASE("an abandoned worker whose call returns frees its item and stops") {
  auto stuck = std::make_shared<StuckItems>("filesystem");
  WorkerState state(stuck);
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
  auto stuck = std::make_shared<StuckItems>("filesystem");
  WorkerState state(stuck);
  CHECK(state.enter("/nfs") == ItemTracker::Admission::go);
  state.abandoned = true;
  stuck->add("/nfs");
  state.leave();
  CHECK_FALSE(stuck->contains("/nfs"));
}
