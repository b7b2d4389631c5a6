const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Labels = Record<string, string>;

/** The sidecar's counters and gauges, written as Prometheus text at GET /metrics. */
export class MeteringMetrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly latency = { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
  /** Seconds since the oldest unsent record's hour ended (0 when nothing waits). */
  backlogAgeSeconds = 0;
  /** 1 while AWS Marketplace accepts this customer (or has not been asked yet), 0 after CustomerNotEntitled. */
  entitled = 1;

  constructor() {
    this.define('metering_events_accepted_total', 'Usage events stored.');
    this.define('metering_events_duplicate_total', 'Usage events whose id was already accepted.');
    this.define('metering_requests_rejected_total', 'Requests refused, by reason.');
    this.define('metering_records_sent_total', 'Hourly records AWS Marketplace accepted.');
    this.define('metering_records_failed_total', 'Hourly records that failed for good (alarm), by error.');
    this.define('metering_records_carried_forward_total', 'Hourly records carried into a later hour because the 6-hour window passed.');
    this.define('metering_send_attempts_total', 'MeterUsage and RegisterUsage calls, by outcome.');
  }

  private define(name: string, help: string): void {
    this.counters.set(name, { help, values: new Map() });
  }

  increment(name: string, by = 1, labels?: Labels): void {
    const counter = this.counters.get(name);
    if (!counter) throw new Error(`metric ${name} is not defined`);
    const key = labels ? Object.entries(labels).map(([label, value]) => `${label}="${value.replace(/["\\\n]/g, '_')}"`).join(',') : '';
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  observeSendSeconds(seconds: number): void {
    LATENCY_BUCKETS.forEach((bound, index) => { if (seconds <= bound) this.latency.buckets[index] += 1; });
    this.latency.sum += seconds;
    this.latency.count += 1;
  }

  /** The Prometheus text exposition (version 0.0.4). */
  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      if (values.size === 0) lines.push(`${name} 0`);
      for (const [labels, value] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    lines.push('# HELP metering_send_latency_seconds Duration of MeterUsage calls.', '# TYPE metering_send_latency_seconds histogram');
    LATENCY_BUCKETS.forEach((bound, index) => lines.push(`metering_send_latency_seconds_bucket{le="${bound}"} ${this.latency.buckets[index]}`));
    lines.push(`metering_send_latency_seconds_bucket{le="+Inf"} ${this.latency.count}`,
      `metering_send_latency_seconds_sum ${this.latency.sum}`, `metering_send_latency_seconds_count ${this.latency.count}`);
    lines.push('# HELP metering_backlog_age_seconds Seconds since the oldest unsent hour ended.', '# TYPE metering_backlog_age_seconds gauge',
      `metering_backlog_age_seconds ${this.backlogAgeSeconds}`);
    lines.push('# HELP metering_entitled 0 after AWS Marketplace answered CustomerNotEntitled.', '# TYPE metering_entitled gauge', `metering_entitled ${this.entitled}`);
    return `${lines.join('\n')}\n`;
  }
}
