import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Activity } from '../api/types';
import { useAllBots } from '../bots/use-all-bots';
import type { DayCount } from '../components/ActivityChart';
import { Loading, Screen } from '../components/Screen';
import { when } from '../components/StatusBadge';
import { useWorkspace } from '../workspace-context';

const ActivityChart = lazy(() => import('../components/ActivityChart'));

/** Activity: runs per day that succeeded and failed, the bots that fail most, and the latest failures. */
export default function ActivityScreen() {
  const { api } = useWorkspace();
  const [days, setDays] = useState(7);
  const activity = useQuery({ queryKey: ['activity', days], queryFn: () => api.get<Activity>('/activity', { days }), refetchInterval: 30_000 });
  const bots = useAllBots();
  const names = useMemo(() => new Map((bots.data ?? []).map((bot) => [bot.workflowId, bot.name])), [bots.data]);
  const perDay = useMemo(() => (activity.data ? totals(activity.data) : []), [activity.data]);
  const failing = useMemo(() => (activity.data?.workflows ?? []).filter((bot) => bot.failed > 0).sort((a, b) => b.failed - a.failed).slice(0, 10), [activity.data]);
  return (
    <Screen title="Activity" actions={
      <label>Period <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
        <option value={1}>today</option><option value={7}>7 days</option><option value={30}>30 days</option><option value={90}>90 days</option>
      </select></label>
    }>
      {!activity.data ? <Loading error={activity.error} what="activity" /> : (
        <>
          <p className="meta">{activity.data.from} to {activity.data.to} (UTC)</p>
          <div className="activity-overview">
            <Suspense fallback={<p role="status">Loading the chart…</p>}><ActivityChart days={perDay} /></Suspense>
            <table>
              <caption>Runs per day</caption>
              <thead><tr><th scope="col">Day</th><th scope="col">Succeeded</th><th scope="col">Failed</th></tr></thead>
              <tbody>{perDay.map((day) => <tr key={day.day}><th scope="row">{day.day}</th><td>{day.succeeded}</td><td>{day.failed}</td></tr>)}</tbody>
            </table>
          </div>
          <h2>Failing bots</h2>
          {failing.length === 0 ? <p>No bot failed in this period.</p> : (
            <table>
              <thead><tr><th scope="col">Bot</th><th scope="col">Failed</th><th scope="col">Succeeded</th><th scope="col">Failure rate</th></tr></thead>
              <tbody>{failing.map((bot) => (
                <tr key={bot.workflowId}>
                  <td><Link to={`/bots/${bot.workflowId}`}>{names.get(bot.workflowId) ?? bot.workflowId}</Link></td>
                  <td>{bot.failed}</td><td>{bot.succeeded}</td><td>{Math.round((bot.failed / (bot.failed + bot.succeeded)) * 100)}%</td>
                </tr>
              ))}</tbody>
            </table>
          )}
          <h2>Latest failures</h2>
          {activity.data.latestFailures.length === 0 ? <p>No failed runs.</p> : (
            <ul className="failures">{activity.data.latestFailures.map((run) => (
              <li key={run.runId}>
                <Link to={`/bots/${run.workflowId}/runs/${run.runId}`}>{names.get(run.workflowId) ?? run.workflowId}, {when(run.endedAt ?? run.requestedAt)}</Link>
                {run.error && <span className="error">: {run.error.stepId ? `${run.error.stepId}: ` : ''}{run.error.message}</span>}
              </li>
            ))}</ul>
          )}
        </>
      )}
    </Screen>
  );
}

/** Every bot's counts added up per day, for each day of the period (days without runs count zero). */
export function totals(activity: Activity): DayCount[] {
  const byDay = new Map<string, { succeeded: number; failed: number }>();
  for (let day = new Date(`${activity.from}T00:00:00Z`); day.toISOString().slice(0, 10) <= activity.to; day = new Date(day.getTime() + 86_400_000)) {
    byDay.set(day.toISOString().slice(0, 10), { succeeded: 0, failed: 0 });
  }
  for (const bot of activity.workflows) {
    for (const count of bot.days) {
      const entry = byDay.get(count.day);
      if (entry) { entry.succeeded += count.succeeded; entry.failed += count.failed; }
    }
  }
  return [...byDay].map(([day, counts]) => ({ day, ...counts }));
}
