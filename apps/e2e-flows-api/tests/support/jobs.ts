import type { JobStatus } from '@streamkit/e2e-fixtures';

const ORDER: JobStatus[] = ['queued', 'processing', 'completed'];

/**
 * Whether `seen` (the statuses one job showed, in order, starting with the 202's) only ever moves
 * forward along queued → processing → completed. Polling may see a state twice or miss a short
 * one, never go back.
 */
export function movesForward(seen: JobStatus[]): boolean {
  const ranks = seen.map((status) => ORDER.indexOf(status));
  return ranks.every((rank, i) => rank >= 0 && (i === 0 || rank >= ranks[i - 1]!));
}
