// Shared by the benches: medians, percentiles, timing and the machine/load line
// every table carries (figures on a shared machine mean little without the load).
import { cpus, loadavg } from 'node:os';

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** CPU seconds this process spent in `fn` (all its threads): steadier than wall time on a shared machine. */
export function cpuSeconds(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** Wall and CPU seconds of `fn` at once (the CPU of the whole process: compiler and GC threads too). */
export function wallAndCpu(fn: () => void): { wall: number; cpu: number } {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: (c.user + c.system) / 1e6 };
}

export function machineLine(): string {
  const l = loadavg().map((x) => x.toFixed(2)).join(', ');
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; load average ${l}`;
}
