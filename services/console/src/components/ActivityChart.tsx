import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface DayCount {
  readonly day: string;
  readonly succeeded: number;
  readonly failed: number;
}

/** Succeeded and failed runs per day as stacked bars (Chart.js); the table beside it carries the same numbers for screen readers. */
export default function ActivityChart({ days }: { days: DayCount[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: days.map((day) => day.day),
        datasets: [
          { label: 'Succeeded', data: days.map((day) => day.succeeded), backgroundColor: '#1a7f37' },
          { label: 'Failed', data: days.map((day) => day.failed), backgroundColor: '#cf222e' },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
    return () => chart.destroy();
  }, [days]);
  return <div className="chart"><canvas ref={canvas} role="img" aria-label="Runs per day: succeeded and failed, stacked" /></div>;
}
