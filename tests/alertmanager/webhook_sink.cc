// A webhook receiver for the live Alertmanager test: listens on 127.0.0.1 (an
// ephemeral port, written to --port-file), appends every POST to --out as one
// line "PATH BODY" (newlines in the body become spaces), answers 200.
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>

namespace {

httplib::Server* server = nullptr;

void stop(int) {
  if (server) server->stop();
}

}  // namespace

int main(int argc, char** argv) {
  std::string port_file, out_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--port-file") port_file = argv[i + 1];
    if (flag == "--out") out_file = argv[i + 1];
  }
  if (port_file.empty() || out_file.empty()) {
    std::cerr << "usage: symptree-webhook-sink --port-file FILE --out FILE\n";
    return 2;
  }
  httplib::Server http;
  server = &http;
  std::signal(SIGTERM, stop);
  std::signal(SIGINT, stop);
  std::mutex mutex;
  std::ofstream out(out_file, std::ios::app);
  http.Post(R"(/.*)", [&](const httplib::Request& request, httplib::Response& response) {
    std::string body = request.body;
    for (char& c : body) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    std::lock_guard<std::mutex> lock(mutex);
    out << request.path << " " << body << "\n" << std::flush;
    response.set_content("ok\n", "text/plain");
  });
  int port = http.bind_to_any_port("127.0.0.1");
  if (port <= 0) {
    std::cerr << "webhook sink: cannot bind 127.0.0.1\n";
    return 1;
  }
  {
    std::ofstream(port_file + ".tmp") << port << "\n";
  }
  std::rename((port_file + ".tmp").c_str(), port_file.c_str());
  return http.listen_after_bind() ? 0 : 1;
}
