/**
 * The page's choice of backend as it lives in the address: `?backend=webgl`, or a comma list
 * tried in order (`?backend=webgpu,webgl`); no parameter means the fastest backend, measured.
 * Readers set it from the backend menu, and tests use it to exercise every backend and fallback.
 */
import { BACKENDS, type BackendName } from '../lib/nn/backendNames';

/** One backend by name, or 'auto': the fastest measured. */
export type BackendChoice = BackendName | 'auto';

export const BACKEND_PARAM = 'backend';

/** The backends `?backend=` names, in order, without repeats or unknown names; empty for the fastest. */
export function requestedBackends(search: string): BackendName[] {
  const named = (new URLSearchParams(search).get(BACKEND_PARAM) ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is BackendName => (BACKENDS as readonly string[]).includes(s));
  return [...new Set(named)];
}

/** `search` with ?backend= set to `choice` (removed for 'auto'), every other parameter as it was. */
export function searchWithBackend(search: string, choice: BackendChoice): string {
  const params = new URLSearchParams(search);
  if (choice === 'auto') params.delete(BACKEND_PARAM);
  else params.set(BACKEND_PARAM, choice);
  const query = params.toString();
  return query ? `?${query}` : '';
}
