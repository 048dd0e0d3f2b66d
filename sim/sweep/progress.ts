/** The sweep's progress line on stderr: jobs done, rate and the estimated time left. */

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `sweep: 12/48 jobs (25 %), 3.1 jobs/s, ETA 12 s`: the rate counts this run's jobs only. */
export function progressLine(done: number, total: number, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = rate > 0 ? (total - done) / rate : null;
  const share = total > 0 ? Math.floor((done / total) * 100) : 100;
  return `sweep: ${done}/${total} jobs (${share} %), ${rate.toFixed(2)} jobs/s, ETA ${duration(eta)}`;
}

export type Progress = { update: (done: number) => void; end: () => void };

/**
 * On a terminal, one line rewritten in place (at most ten times a second); otherwise a line at
 * the first job and at every tenth of the way, so logs stay short.
 */
export function createProgress(
  write: (text: string) => void,
  total: number,
  tty: boolean,
  now: () => number = () => performance.now(),
): Progress {
  const start = now();
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done) {
      const line = progressLine(done, total, (now() - start) / 1000);
      if (tty) {
        if (now() - lastDraw < 100 && done < total) return;
        lastDraw = now();
        drawn = true;
        write(`\r${line}\x1b[K`);
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth === lastTenth && done !== 1) return;
      lastTenth = tenth;
      write(`${line}\n`);
    },
    end() {
      if (tty && drawn) write("\n");
    },
  };
}
