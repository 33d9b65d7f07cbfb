// Tests for emit/panel_unit: units carried through the syntax tree.
#include "generator/emit/panel_unit.h"

#include <doctest/doctest.h>

using namespace symptree;

TEST_CASE("a ratio of like quantities is a percentage of one") {
  CHECK(grafana_unit("rate(errors_total[5m]) / rate(requests_total[5m])") == "percentunit");
  CHECK(grafana_unit("node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1") == "percentunit");
  CHECK(grafana_unit("sum(rate(a_total[5m])) / sum(rate(b_total[5m])) > 0.05") == "percentunit");
}

TEST_CASE("time differences are seconds, timestamps dates") {
  CHECK(grafana_unit("cert_not_after_timestamp_seconds - time() < 86400") == "s");
  CHECK(grafana_unit("time() - backup_last_success_timestamp_seconds > 26 * 3600") == "s");
  CHECK(grafana_unit("cert_not_after_timestamp_seconds") == "dateTimeAsIso");
  CHECK(grafana_unit("time()") == "dateTimeAsIso");
}

TEST_CASE("rates of counters are their unit per second") {
  CHECK(grafana_unit("rate(net_received_bytes_total[5m])") == "Bps");
  CHECK(grafana_unit("sum by (host) (irate(requests_total[1m]))") == "cps");
  CHECK(grafana_unit("rate(process_cpu_seconds_total[5m]) > 0.9") == "percentunit");
  CHECK(grafana_unit("deriv(symptree_directory_size_bytes[15m])") == "Bps");
}

// Found by a newcomer trial: seconds per command were drawn as a percentage.
TEST_CASE("a rate of seconds over a rate of events is seconds per event, bytes likewise") {
  CHECK(grafana_unit("SUM BY (host) (rate(cmd_duration_seconds_total[5m])) / SUM BY (host) (rate(cmd_processed_total[5m]))") ==
        "s");
  CHECK(grafana_unit("rate(http_response_size_bytes_sum[5m]) / rate(http_response_size_bytes_count[5m])") == "bytes");
  CHECK(grafana_unit("rate(a_seconds_total[5m]) / rate(b_seconds_total[5m])") == "percentunit");
  CHECK(grafana_unit("rate(process_cpu_seconds_total[5m]) * 100 > 90") == "percent");
}

TEST_CASE("units pass through functions, aggregations and filters, and scaling loses them") {
  CHECK(grafana_unit("max_over_time(queue_wait_seconds[10m]) > 5") == "s");
  CHECK(grafana_unit("histogram_quantile(0.99, sum by (le) (rate(latency_seconds_bucket[5m])))") == "s");
  CHECK(grafana_unit("avg without (instance) (symptree_filesystem_avail_bytes) and on (host) up == 1") == "bytes");
  CHECK(grafana_unit("increase(sent_bytes_total[1h])") == "bytes");
  CHECK(grafana_unit("increase(errors_total[1h])") == "short");
  CHECK(grafana_unit("count(up == 0)") == "short");
  CHECK(grafana_unit("symptree_filesystem_avail_bytes / 1024") == "short");
  CHECK(grafana_unit("used_ratio * 100 > 90") == "percent");
  CHECK(grafana_unit("up == bool 0") == "bool");
  CHECK(grafana_unit("symptree_process_up{name=\"x\"}") == "bool");
  CHECK(grafana_unit("sum(") == "short");
}

// Found by a newcomer trial: Postgres's start time is named *_time_seconds, not *_timestamp_seconds.
TEST_CASE("time() minus a series, or a series minus time(), is a duration whatever the series is named") {
  CHECK(grafana_unit("time() - pg_postmaster_start_time_seconds < 300") == "s");
  CHECK(grafana_unit("cert_not_after_timestamp_seconds - time() < 86400") == "s");
  CHECK(grafana_unit("time() - 3600") == "dateTimeAsIso");                   // a point in time, moved
  CHECK(grafana_unit("cert_not_after_timestamp_seconds - 3600") == "dateTimeAsIso");
}
