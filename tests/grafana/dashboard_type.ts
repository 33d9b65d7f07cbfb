// The type a generated dashboard must satisfy: @grafana/schema's Dashboard,
// with Prometheus queries where the schema leaves a data source's query open,
// and string enums accepted as the JSON strings Grafana stores. Each dashboard
// is checked as an object literal of this type (tests/tools/grafana_schema.sh),
// so a misspelled or unknown field is an error, not silently ignored as it is
// when JSON is imported.
import type { AnnotationQuery, Dashboard, DataQuery, Panel, RowPanel } from '@grafana/schema';

// Grafana's JSON holds an enum's value ("absolute") where the schema's type is
// the enum (ThresholdsMode.Absolute). Loosen<T> turns each string enum member
// into its value, and keeps everything else as strict as the schema: string
// literal types stay literal, objects stay closed.
export type Loosen<T> = T extends string
  ? `${T}` extends T
    ? T
    : `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Loosen<U>>
      : T extends object
        ? { [K in keyof T]: Loosen<T[K]> }
        : T;

// A Prometheus query: the fields of @grafana/prometheus's PromQuery that symptree writes.
export interface PromQuery extends DataQuery {
  expr: string;
  editorMode?: 'code' | 'builder';
  format?: 'time_series' | 'table' | 'heatmap';
  instant?: boolean;
  interval?: string;
  legendFormat?: string;
  range?: boolean;
}

// An annotation from Prometheus: @grafana/prometheus's PromAnnotationQuery.
export interface PromAnnotationQuery extends AnnotationQuery<PromQuery> {
  step?: string;
  tagKeys?: string;
  textFormat?: string;
  titleFormat?: string;
  useValueForTime?: boolean;
}

// A panel whose queries are Prometheus queries.
export type PromPanel = Omit<Panel, 'targets'> & { targets?: PromQuery[] };

export type CheckedDashboard = Loosen<
  Omit<Dashboard, 'annotations' | 'panels'> & {
    annotations?: { list?: PromAnnotationQuery[] };
    panels?: Array<PromPanel | RowPanel>;
  }
>;
