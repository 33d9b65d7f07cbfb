// Tests for cli/whole_number: counts on the command line, and the message a
// value that is not one gets.
#include "generator/cli/whole_number.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("a whole number of at least the minimum passes") {
  CHECK(whole_number_error("1", 1) == "");
  CHECK(whole_number_error("16", 1) == "");
  CHECK(whole_number_error("007", 1) == "");
  CHECK(whole_number_error("2147483647", 1) == "");
  CHECK(whole_number_error("0", 0) == "");
}

TEST_CASE("anything else says what is expected and what was given") {
  for (const char* bad : {"0", "-3", "abc", "", "1.5", "+2", " 2", "00"}) {
    CAPTURE(bad);
    CHECK(whole_number_error(bad, 1) == std::string("must be a whole number of 1 or more, got '") + bad + "'");
  }
  CHECK(whole_number_error("2147483648", 1) == "must be at most 2147483647, got '2147483648'");
  CHECK(whole_number_error("99999999999999999999999", 1) == "must be at most 2147483647, got '99999999999999999999999'");
}

TEST_CASE("the CLI11 validator gives the message after the option's name") {
  CLI::App app;
  int jobs = 1;
  app.add_option("-j,--jobs", jobs)->check(whole_number_at_least(1));
  char program[] = "test", flag[] = "-j", zero[] = "0";
  char* argv[] = {program, flag, zero};
  try {
    app.parse(3, argv);
    FAIL("0 was accepted");
  } catch (const CLI::ValidationError& error) {
    CHECK(std::string(error.what()) == "--jobs: must be a whole number of 1 or more, got '0'");
  }
}
