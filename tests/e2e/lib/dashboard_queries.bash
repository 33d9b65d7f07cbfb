# shellcheck shell=bash disable=SC2153  # PROM_URL: set by stack_start
# Runs every query of a generated Grafana dashboard against the live Prometheus
# the way Grafana would with every variable at "All": panel targets and the
# annotation as instant queries, the template variables' label_values() through
# the label values API. A query that errors, a branch panel without data, or a
# variable that does not list the demo's host and jobs fails the check.

# dashboard_problem MESSAGE: says why the check fails (the caller may retry it).
dashboard_problem() { echo "$*" >&2; }

# dashboard_expand EXPR: the query with the dashboard's variables at "All"
# (their allValue is ".*") and Grafana's interval macros filled in.
dashboard_expand() {
  local expr=$1
  expr=${expr//\$__rate_interval/1m}
  expr=${expr//\$__interval/1m}
  expr=${expr//\$\{host\}/.*}
  expr=${expr//\$\{job\}/.*}
  expr=${expr//\$\{instance\}/.*}
  expr=${expr//\$host/.*}
  expr=${expr//\$job/.*}
  expr=${expr//\$instance/.*}
  printf '%s' "$expr"
}

# dashboard_instant_query EXPR: the number of series EXPR returns; fails with
# Prometheus' error when it does not run.
dashboard_instant_query() {
  local answer
  answer=$(curl -s --data-urlencode "query=$1" "$PROM_URL/api/v1/query") || return 1
  if [ "$(jq -r .status <<<"$answer")" != success ]; then
    echo "query failed: $(jq -r .error <<<"$answer" 2>/dev/null || echo "$answer")" >&2
    return 1
  fi
  jq '.data.result | length' <<<"$answer"
}

# dashboard_variable_values QUERY: the values label_values(SELECTOR, LABEL)
# lists, one a line, resolved as Grafana's Prometheus data source does.
dashboard_variable_values() {
  local query=$1 selector label
  [[ $query =~ ^label_values\((.*),\ *([a-zA-Z_][a-zA-Z0-9_]*)\)$ ]] ||
    { dashboard_problem "dashboard variable query is not label_values(selector, label): $query"; return 1; }
  selector=$(dashboard_expand "${BASH_REMATCH[1]}")
  label=${BASH_REMATCH[2]}
  curl -sf -G --data-urlencode "match[]=$selector" "$PROM_URL/api/v1/label/$label/values" | jq -r '.data[]'
}

# dashboard_queries_ok DASHBOARD_JSON: fails, saying why, at the first problem.
dashboard_queries_ok() {
  local dashboard=$1 panels=0 line expr series name query values
  while IFS= read -r line; do
    expr=$(dashboard_expand "$(jq -r . <<<"$line")")
    series=$(dashboard_instant_query "$expr") || { dashboard_problem "dashboard query does not run: $expr"; return 1; }
    # The "where are we" row lists the nodes that hold: nothing on a healthy host.
    [[ $expr == *flowchart_node:holds* ]] || [ "$series" -gt 0 ] ||
      { dashboard_problem "dashboard panel query returns no data on the live stack: $expr"; return 1; }
    panels=$((panels + 1))
  done < <(jq -c '.panels[] | .. | objects | select(has("targets")) | .targets[].expr' "$dashboard")
  [ "$panels" -ge 20 ] || { dashboard_problem "only $panels panel queries found in $dashboard"; return 1; }
  while IFS= read -r line; do
    expr=$(dashboard_expand "$(jq -r . <<<"$line")")
    dashboard_instant_query "$expr" >/dev/null || { dashboard_problem "dashboard annotation query does not run: $expr"; return 1; }
  done < <(jq -c '.annotations.list[] | select(.target.expr) | .target.expr' "$dashboard")
  while IFS=$'\t' read -r name query; do
    values=$(dashboard_variable_values "$query") || { dashboard_problem "variable $name: $query does not run"; return 1; }
    case $name in
      host) grep -qx demo <<<"$values" || { dashboard_problem "variable host does not list demo: $values"; return 1; } ;;
      job) [ "$(grep -cx -e stemedb -e symptree-exporter <<<"$values")" = 2 ] ||
        { dashboard_problem "variable job does not list both jobs: $values"; return 1; } ;;
      *) [ -n "$values" ] || { dashboard_problem "variable $name lists nothing"; return 1; } ;;
    esac
  done < <(jq -r '.templating.list[] | select(.type == "query")
                  | [.name, (.query | if type == "object" then .query else . end)] | @tsv' "$dashboard")
}
