import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from /proc/PID/status (Linux); null once it has gone or elsewhere. */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
