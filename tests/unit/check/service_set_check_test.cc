// Tests for check/service_set_check: what stops the services of a config repo
// from sharing one tree and one Alertmanager.
#include <doctest/doctest.h>

#include <algorithm>

#include "generator/check/service_set_check.h"
#include "repo_fixture.h"

using namespace symptree;
using namespace symptree::testing;

TEST_CASE("services sharing one tree compile together") {
  RepoDir repo("set-ok", {{"shop", "Shop"}, {"cart", "Cart"}});
  CHECK(repo.compiled().services.size() == 2);
}

TEST_CASE("two specs of one service are an error naming both") {
  RepoDir repo("set-service");
  repo.write("shop.yaml", repo_spec("shop", "Shop"));
  repo.write("shop2.yaml", repo_spec("shop", "Shop"));
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find(repo.path("shop2.yaml") + ":2:10: error: service 'shop' is also the service of " +
                            repo.path("shop.yaml")) != std::string::npos,
                errors);
}

TEST_CASE("one alert name in two services is an error at the second's node, counted once per service") {
  RepoDir repo("set-alerts");
  repo.write("a.yaml", repo_spec("alpha", "Shop"));
  repo.write("b.yaml", repo_spec("beta", "Shop"));
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find(repo.path("b.yaml") + ":12:5: error: alert 'ShopApiDown' (and ") != std::string::npos,
                errors);
  CHECK(errors.find("is also an alert of service 'alpha'") != std::string::npos);
  CHECK(errors.find("different alert_prefix") != std::string::npos);
}

TEST_CASE("receivers of one name must be one receiver") {
  RepoDir repo("set-receivers");
  repo.write("shop.yaml", repo_spec("shop", "Shop"));
  std::string own = small_spec();
  own.replace(own.find("service: shop\nalert_prefix: Shop"), 32, "service: cart\nalert_prefix: Cart");
  own.replace(own.find("/etc/am/pd"), 10, "/etc/am/cart-pd");
  repo.write("cart.yaml", own);
  std::string errors = repo.errors();
  // cart.yaml is read first: shop's shared receiver is the second.
  CHECK_MESSAGE(errors.find(repo.path("paging.yaml") + ":5:3: error: receiver 'pager' differs from the receiver of "
                                                       "that name at " + repo.path("cart.yaml") + ":9:3 (service 'cart')") !=
                    std::string::npos,
                errors);
}

TEST_CASE("one Alertmanager: one default receiver and one version") {
  RepoDir repo("set-alertmanager");
  repo.write("shop.yaml", repo_spec("shop", "Shop"));
  repo.write("cart.yaml", repo_spec("cart", "Cart") + "alertmanager: {version: \"0.26\", default_receiver: pager}\n");
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find("error: the default receiver is 'tickets', but 'pager' for service 'cart'") !=
                    std::string::npos,
                errors);
  CHECK(errors.find("error: targets Alertmanager 0.25, but service 'cart'") != std::string::npos);
}

TEST_CASE("a differing Alertmanager setting is an error at the key that differs, where it is written") {
  RepoDir repo("set-alertmanager-keys");
  repo.write("a.yaml", repo_spec("alpha", "Alpha"));
  std::string spec = repo_spec("beta", "Beta");
  std::string line = "alertmanager: {version: \"0.26\", default_receiver: pager}";
  repo.write("b.yaml", spec + line + "\n");
  std::string at = repo.path("b.yaml") + ":" + std::to_string(std::count(spec.begin(), spec.end(), '\n') + 1) + ":";
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find(at + std::to_string(line.find("\"0.26\"") + 1) + ": error: targets Alertmanager 0.26") !=
                    std::string::npos,
                errors);
  CHECK_MESSAGE(errors.find(at + std::to_string(line.find("pager") + 1) + ": error: the default receiver is 'pager'") !=
                    std::string::npos,
                errors);
}

TEST_CASE("one merge file for every service, and its receivers are no service's") {
  RepoDir repo("set-merge");
  std::string shop = small_spec();  // receivers of its own: pager and tickets as shared, and oncall
  shop.replace(shop.find("receivers:\n"), 11, "receivers:\n  oncall: {webhook: {url: \"http://127.0.0.1:2/\"}}\n");
  repo.write("shop.yaml", shop);
  repo.write("extra.yml", "receivers:\n  - name: oncall\n    webhook_configs: [{url: 'http://127.0.0.1:1/'}]\n");
  repo.write("cart.yaml", repo_spec("cart", "Cart") + "alertmanager: {merge: extra.yml}\n");
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find("shop.yaml:2:10: error: merges no file into the Alertmanager config, but service 'cart' (" +
                            repo.path("cart.yaml") + ") merges " + repo.path("extra.yml")) != std::string::npos,
                errors);
  CHECK_MESSAGE(errors.find("shop.yaml:9:3: error: receiver 'oncall' is also a receiver of the merge file " +
                            repo.path("extra.yml")) != std::string::npos,
                errors);
}

TEST_CASE("dashboards and jobs of their own") {
  RepoDir repo("set-targets", {{"shop", "Shop"}});
  repo.write("cart.yaml", repo_spec("cart", "Cart") + "grafana: {uid: shop-flowchart}\njobs: {service: shop}\n");
  std::string errors = repo.errors();
  CHECK_MESSAGE(errors.find("shop.yaml:2:10: error: dashboard uid 'shop-flowchart' is also the uid of service 'cart'") !=
                    std::string::npos,
                errors);
  CHECK(errors.find("shop.yaml:2:10: error: job 'shop' is also the job of service 'cart'") != std::string::npos);
  RepoDir overview("set-overview-uid");
  overview.write("cart.yaml", repo_spec("cart", "Cart") + "grafana: {uid: symptree-overview}\n");
  CHECK(overview.errors().find("is also the uid of the overview dashboard") != std::string::npos);
}
