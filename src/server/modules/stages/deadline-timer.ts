/**
 * The deadline sweep on a timer (issue 33): every hour (and once at start) the stages due before
 * today notify their late departments (sweepOverdue: once per stage and department, so the timer
 * may run as often as it likes and after a restart). Reading one's tasks or notifications sweeps
 * too, so a notice never waits for the timer.
 */
import { chinaToday } from '../../../shared/domain/rectification';
import type { Db } from '../../db/schema';
import { sweepOverdue } from './stages.service';

export const DEADLINE_SWEEP_EVERY_MS = 60 * 60 * 1000;

export function startDeadlineTimer(db: Db, opts: { onError: (error: unknown) => void; now?: () => Date; everyMs?: number }): { stop: () => Promise<void> } {
  const clock = opts.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    const now = clock();
    running = sweepOverdue(db, chinaToday(now), { now })
      .then(() => undefined, opts.onError)
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, opts.everyMs ?? DEADLINE_SWEEP_EVERY_MS);
  timer.unref();
  return {
    // the sweep under way finishes before the database closes
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
