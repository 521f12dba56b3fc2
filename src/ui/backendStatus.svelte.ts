/** The page-wide backend state that the header badge and every widget show. */
import type { BackendSelection } from '../lib/nn';
import { backendOrder, getEngine } from '../engine/client';

export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

class BackendStatus {
  selection = $state<BackendSelection | null>(null);
  error = $state<string | null>(null);
  private started: Promise<BackendSelection | null> | null = null;

  get label(): string {
    if (this.error) return 'no backend';
    return this.selection ? BACKEND_LABELS[this.selection.backend] : 'starting…';
  }

  /** Fallbacks tried before the chosen backend, with the reason each was skipped. */
  get fallbacks(): string[] {
    return (this.selection?.attempts ?? []).filter((a) => !a.ok).map((a) => `${BACKEND_LABELS[a.name]}: ${a.reason ?? 'failed'}`);
  }

  start(): Promise<BackendSelection | null> {
    this.started ??= getEngine()
      .init(backendOrder())
      .then(
        (selection) => (this.selection = selection),
        (err: unknown) => {
          this.error = err instanceof Error ? err.message : String(err);
          return null;
        },
      );
    return this.started;
  }
}

export const backendStatus = new BackendStatus();
