/**
 * The page-wide backend state that the header badge and every widget show, and how a widget learns
 * that the worker's backend was lost (src/engine/engine.ts) before it starts its work again.
 */
import { BACKEND_LOST, type EngineApi } from '../engine/api';
import { errorMessage } from '../lib/errorMessage';
import { backendOrder, getEngine } from '../engine/client';
import type { BackendSelection } from '../lib/nn';

export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };


export class BackendStatus {
  selection = $state<BackendSelection | null>(null);
  error = $state<string | null>(null);
  private started: Promise<BackendSelection | null> | null = null;

  constructor(private readonly engine: () => Pick<EngineApi, 'init'> = getEngine) {}

  get label(): string {
    if (this.error) return 'no backend';
    return this.selection ? BACKEND_LABELS[this.selection.backend] : 'starting…';
  }

  /** Backends tried or lost before the one in use, with the reason each was left. */
  get fallbacks(): string[] {
    return (this.selection?.attempts ?? []).filter((a) => !a.ok).map((a) => `${BACKEND_LABELS[a.name]}: ${a.reason ?? 'failed'}`);
  }

  start(): Promise<BackendSelection | null> {
    this.started ??= this.engine()
      .init(backendOrder())
      .then(
        (selection) => (this.selection = selection),
        (err: unknown) => {
          this.error = errorMessage(err);
          return null;
        },
      );
    return this.started;
  }

  /**
   * For a widget whose call into the worker failed with `err`: if the worker's backend was lost
   * (BACKEND_LOST), shows the backend it moved on to and returns what the widget says as it starts
   * its work again from initialisation, with the same settings; null for any other error, and
   * when no backend is left (the badge then says why).
   */
  async recover(err: unknown): Promise<string | null> {
    if (!(err instanceof Error && err.name === BACKEND_LOST)) return null;
    try {
      this.selection = await this.engine().init();
    } catch (failure) {
      this.error = errorMessage(failure);
      return null;
    }
    const { backend, attempts } = this.selection;
    const lost = attempts.filter((a) => a.lost).at(-1)!;
    return `${BACKEND_LABELS[lost.name]} stopped: ${lost.reason}. Started again from initialisation on ${BACKEND_LABELS[backend]}, with the same settings.`;
  }
}

export const backendStatus = new BackendStatus();
