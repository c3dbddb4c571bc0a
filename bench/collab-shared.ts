// What bench/collab.ts and its driver processes (bench/collab-driver.ts) tell each other.
import { performance } from "node:perf_hooks";

/**
 * Milliseconds on the machine's monotonic clock (the one process.hrtime reads), the same in
 * every process: a change stamped in one driver process is timed when it arrives in another.
 */
const offset = (() => {
  const [seconds, nanos] = process.hrtime();
  return seconds * 1e3 + nanos / 1e6 - performance.now();
})();
export const clock = () => performance.now() + offset;

export interface DriverSetup {
  label: string;
  /** ws://127.0.0.1:<port>/collab */
  url: string;
  /** Sent as the Origin header of every WebSocket upgrade. */
  origin: string;
  /** Every document with one Cookie header (possibly empty) per editor. */
  docs: { name: string; cookies: string[] }[];
  /** Which opening of texts this is in the measurement: each comes from other addresses, as other people would. */
  opening: number;
  /** This driver runs the editors whose index within all editors is ≡ part (mod parts). */
  part: number;
  parts: number;
}

export interface StepOrder {
  /** Changes a second per editor. */
  rate: number;
  /** clock() when the editors start changing. */
  start: number;
  /** The measured window: changes made within [t0, t1) count. */
  t0: number;
  t1: number;
  /** Deliveries arriving after this are late (t1 plus the latency limit). */
  deadline: number;
  /** How long after t1 to wait at most for deliveries still on their way. */
  drainMs: number;
}

export interface StepCounts {
  changes: number;
  /** Deliveries owed for the changes this driver made: changes × other editors of the document. */
  expected: number;
  /** Deliveries this driver's editors received of the window's changes, by the end of the drain. */
  delivered: number;
  onTime: number;
  /** Deliveries whose change time was estimated (more merged updates of one sender than the stamp's history). */
  estimated: number;
  /** Latency of every sampled delivery, in ms. */
  samples: Float64Array;
  /** CPU time of this driver process during the window, in ms. */
  cpuMs: number;
  /** clock() when this driver stopped waiting for deliveries. */
  drainedAt: number;
}

export type ToDriver = { type: "setup"; setup: DriverSetup } | { type: "step"; order: StepOrder } | { type: "close" };

export type FromDriver =
  | { type: "ready"; editors: number }
  | { type: "counts"; counts: StepCounts }
  | { type: "error"; message: string };
