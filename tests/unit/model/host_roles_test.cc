// Tests for model/host_roles: hosts grouped by the services they run, and the
// one exporter config of each group.
#include <doctest/doctest.h>

#include "generator/model/host_roles.h"
#include "repo_fixture.h"

using namespace symptree;
using namespace symptree::testing;

namespace {

std::string deployment(const std::vector<std::string>& hosts) {
  std::string text = "deployment:\n  alertmanagers: [{name: am, address: \"127.0.0.1:9093\"}]\n  hosts:\n";
  for (const std::string& host : hosts) {
    text += "    - {name: " + host + ", exporter: \"" + host + ":9105\", service: \"" + host + ":8080\"}\n";
  }
  return text;
}

// The small spec as `service` on `hosts`, its probes renamed so that only `shared` ones coincide.
std::string on_hosts(const std::string& service, const std::string& prefix, const std::vector<std::string>& hosts) {
  return repo_spec(service, prefix) + deployment(hosts);
}

// The errors of shop and cart on host db-1, cart's spec with `from` replaced by `to`.
std::string errors_with_cart(const std::string& name, const std::string& from, const std::string& to) {
  RepoDir repo(name);
  repo.write("shop.yaml", on_hosts("shop", "Shop", {"db-1"}));
  std::string cart = on_hosts("cart", "Cart", {"db-1"});
  cart.replace(cart.find(from), from.size(), to);
  repo.write("cart.yaml", cart);
  std::string errors = repo.errors();
  size_t at;
  while ((at = errors.find(repo.path())) != std::string::npos) errors.erase(at, repo.path().size());  // relative paths
  return errors;
}

}  // namespace

TEST_CASE("hosts are grouped by the services they run, and shared probes are written once") {
  RepoDir repo("roles");
  repo.write("shop.yaml", on_hosts("shop", "Shop", {"db-1", "db-2", "web-1"}));
  std::string cart = on_hosts("cart", "Cart", {"db-1", "db-2"});
  cart.replace(cart.find("processes: [{name: shop-api}]"), 29, "processes: [{name: shop-api}, {name: cart-api}]");
  repo.write("cart.yaml", cart);
  RepositoryCompilation compiled = repo.compiled();
  Diagnostics d;
  std::vector<HostRole> roles = host_roles(service_plans(compiled), d);
  CHECK_FALSE(d.has_errors());
  REQUIRE(roles.size() == 2);
  CHECK(roles[0].name() == "cart+shop");
  CHECK(roles[0].hosts == std::vector<std::string>{"db-1", "db-2"});
  CHECK(roles[0].config.processes.size() == 2);  // shop-api once, cart-api
  CHECK(roles[0].config.filesystems.size() == 1);
  CHECK(roles[1].name() == "shop");
  CHECK(roles[1].hosts == std::vector<std::string>{"web-1"});
  CHECK(roles[1].config.processes.size() == 1);
  CHECK(compiled.outputs.files().count("exporter/cart+shop.yml"));
  CHECK(compiled.outputs.files().count("exporter/shop.yml"));
}

TEST_CASE("one probe name defined two ways on a shared host is an error at the second") {
  std::string errors = errors_with_cart("roles-clash", "path: /var/lib/shop", "path: /var/lib/cart");
  CHECK_MESSAGE(errors.find("shop.yaml:7:17: error: filesystem 'data' differs from the one at cart.yaml") !=
                    std::string::npos,
                errors);
}

TEST_CASE("one host, one exporter address") {
  std::string errors = errors_with_cart("roles-address", "db-1:9105", "db-1:9999");
  CHECK_MESSAGE(errors.find("host 'db-1' has its exporter at") != std::string::npos, errors);
}

TEST_CASE("one exporter address, one host name") {
  std::string errors = errors_with_cart("roles-name", "name: db-1", "name: db-one");
  CHECK_MESSAGE(errors.find("shop.yaml:2:10: error: the exporter at db-1:9105 is host 'db-1' here but host 'db-one' in "
                            "cart.yaml") != std::string::npos,
                errors);
}
