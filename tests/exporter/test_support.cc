// Test helpers: fixtures on disk, processes, certificates.
#include "test_support.h"

#include <arpa/inet.h>
#include <crypt.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <httplib.h>

#include "exporter/core/collector_registry.h"

namespace symptree::testing {

TempDir::TempDir(const std::string& parent) {
  std::string pattern = parent + "/symptree-exporter-test.XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed in " + parent);
  path_ = pattern;
}

TempDir::~TempDir() {
  // Make everything removable again (tests drop permissions), then remove.
  run_command("chmod -R u+rwx '" + path_ + "' 2>/dev/null; rm -rf '" + path_ + "'");
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<Collector> make_collector(const std::string& name, const HostConfig& config, FileSystem& file_system) {
  return registered_collector(name).make(config, file_system);
}

std::string bcrypt_hash(const std::string& password) {
  char salt[64];
  crypt_data data{};
  crypt_gensalt_rn("$2b$", 4, nullptr, 0, salt, sizeof salt);
  return crypt_r(password.c_str(), salt, &data);
}

double Collected::at(const std::string& key) const {
  auto found = series.find(key);
  if (found == series.end()) throw std::runtime_error("no series " + key);
  return found->second;
}

Collected collect_once(Collector& collector) {
  ProbeContext context(collector.kind(), nullptr);
  collector.collect(context);
  Collected collected;
  collected.failures = context.failures();
  collected.series = series_of(context.samples().all());
  return collected;
}

std::map<std::string, double> series_of(const std::vector<Sample>& samples) {
  std::map<std::string, double> series;
  for (const Sample& sample : samples) {
    std::string key = sample.metric->name;
    if (!sample.label_values.empty()) {
      key += "{";
      for (size_t i = 0; i < sample.label_values.size(); ++i) {
        key += (i ? "," : "") + sample.metric->labels[i] + "=\"" + sample.label_values[i] + "\"";
      }
      key += "}";
    }
    series[key] = sample.value;
  }
  return series;
}

RunResult run_until_failure(CollectorRunner& runner, const std::string& text) {
  RunResult result;
  for (int i = 0; i < 500; ++i) {
    result = runner.run();
    for (const std::string& failure : result.failures) {
      if (failure.find(text) != std::string::npos) return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return result;
}

bool wait_for_abandoned_workers() {
  for (int i = 0; i < 500 && CollectorRunner::abandoned_workers() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return CollectorRunner::abandoned_workers() == 0;
}

std::map<std::string, double> parse_exposition(const std::string& text) {
  std::map<std::string, double> series;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    series[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return series;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) stop();
}

int ChildProcess::wait_exit(int timeout_ms) {
  for (int waited = 0; waited <= timeout_ms; waited += 10) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

int ChildProcess::stop() {
  if (pid_ <= 0) return -1;
  pid_t pid = pid_;
  kill(pid, SIGTERM);
  int code = wait_exit(5000);
  if (code != -1) return code;
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  pid_ = -1;
  return -1;
}

std::unique_ptr<ChildProcess> spawn_listener(const std::string& comm, int port) {
  int ready[2];
  if (pipe(ready) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    signal(SIGTERM, SIG_DFL);  // not the test framework's crash handler
    prctl(PR_SET_NAME, comm.c_str());
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 && listen(fd, 4) == 0;
    char byte = ok ? '1' : '0';
    (void)!write(ready[1], &byte, 1);
    for (int i = 0; i < 600 && ok; ++i) sleep(1);  // bounded: gone after 10 minutes at most
    _exit(0);
  }
  close(ready[1]);
  char byte = '0';
  (void)!read(ready[0], &byte, 1);
  close(ready[0]);
  auto child = std::make_unique<ChildProcess>(pid);
  if (byte != '1') throw std::runtime_error("listener could not bind port " + std::to_string(port));
  return child;
}

std::unique_ptr<ChildProcess> spawn_exporter(const std::vector<std::string>& args, const std::string& log_path,
                                             bool as_nobody) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* log = std::fopen(log_path.c_str(), "w");
    if (log) dup2(fileno(log), 2);
    if (as_nobody && geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
      std::fprintf(stderr, "cannot become nobody: %s\n", std::strerror(errno));
      _exit(126);
    }
    std::vector<char*> argv;
    std::string binary = SYMPTREE_EXPORTER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& arg : copy) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    // Into the log the test prints: e.g. a checkout in a folder the unprivileged user cannot enter.
    std::fprintf(stderr, "cannot run %s%s: %s\n", binary.c_str(), as_nobody ? " as nobody" : "", std::strerror(errno));
    _exit(127);
  }
  return std::make_unique<ChildProcess>(pid);
}

bool wait_until_serving(int port, int timeout_ms) {
  for (int waited = 0; waited <= timeout_ms; waited += 20) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(std::chrono::milliseconds(200));
    if (auto result = client.Get("/healthz"); result && result->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int run_command(const std::string& command, std::string* output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
  int status = pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void make_certificate(const std::string& cert_path, const std::string& key_path, int from_days, int to_days) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), static_cast<long>(from_days) * 86400);
  X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(to_days) * 86400);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, key, EVP_sha256());
  FILE* out = std::fopen(cert_path.c_str(), "w");
  PEM_write_X509(out, cert);
  std::fclose(out);
  out = std::fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(out);
  X509_free(cert);
  EVP_PKEY_free(key);
}

}  // namespace symptree::testing
