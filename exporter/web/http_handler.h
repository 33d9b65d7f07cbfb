// What HttpServer does with complete requests: a cheap answer on the event
// loop (e.g. a 503 beyond a cap), or a full one on a worker.
#pragma once

#include <optional>

#include "exporter/web/http_request.h"
#include "exporter/web/http_response.h"

namespace symptree {

// answer_now runs on an event loop and must be cheap; answer runs on a worker.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual std::optional<HttpResponse> answer_now(const HttpRequest& request) = 0;
  virtual HttpResponse answer(const HttpRequest& request) = 0;
  // A request answer_now let through that will not reach answer(): the queue
  // was full and it got a 503 instead.
  virtual void dropped(const HttpRequest& request) = 0;
};

}  // namespace symptree
