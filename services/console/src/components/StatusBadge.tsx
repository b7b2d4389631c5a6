/** A run's or step's status, in words and colour (the words carry it; the colour only repeats it). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{status}</span>;
}

/** A duration in the units a person reads: 850 ms, 12.4 s, 3 min 5 s. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A timestamp in the reader's locale and time zone. */
export function when(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
