/**
 * The page-wide backend state that the header badge and every widget show: which backend the
 * worker chose and why, what each backend measured, and the reader's choice (the badge's menu,
 * kept in the address as ?backend=). Also how a widget learns that the worker changed backend (a
 * loss, or a switch the reader asked for) before it starts its work again.
 *
 * For a page that embeds widgets: `backendStatus.choose('webgl', { updateAddress: false })` asks
 * for a backend (before or after the worker started); 'auto' asks for the fastest again.
 */
import type { BackendAttempt, BackendName, BackendSelection } from '../lib/nn';
import { errorMessage } from '../lib/errorMessage';
import { isBackendChange, BACKEND_SWITCHED, type EngineApi } from './api';
import { requestedBackends, searchWithBackend, type BackendChoice } from './backendChoice';
import { getEngine } from './client';

export const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** "WebGPU", or "WebGPU (software)" where its adapter says it runs in software. */
export function backendLabel({ name, software }: Pick<BackendAttempt, 'name' | 'software'>): string {
  return `${BACKEND_LABELS[name]}${software ? ' (software)' : ''}`;
}

/** 2,900 steps/s; 90 steps/s; 4.2 steps/s. */
export function formatSpeed(stepsPerSecond: number): string {
  const digits = stepsPerSecond < 10 ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: 0 };
  return `${stepsPerSecond.toLocaleString('en-US', digits)} steps/s`;
}

/** Who asked for the backend in use, when it was asked for by name. */
export type ChoiceSource = 'address' | 'menu' | 'page';

/** Where the choice is remembered: the page's address (null where there is none, e.g. in Node). */
export interface AddressBar {
  search(): string;
  replaceSearch(search: string): void;
}

const browserAddress: AddressBar | null =
  typeof location === 'undefined'
    ? null
    : {
        search: () => location.search,
        replaceSearch: (search) => history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`),
      };

export class BackendStatus {
  selection = $state<BackendSelection | null>(null);
  error = $state<string | null>(null);
  /** What the page asks for: the fastest ('auto'), or the backend named first. */
  choice = $state<BackendChoice>('auto');
  /** Who named it; null for 'auto'. */
  source = $state<ChoiceSource | null>(null);
  /** A choice is being applied (the worker finishes its calls, drops the runs, switches). */
  switching = $state(false);
  /**
   * Counts the times the worker moved to another backend (losses and switches) as far as this page
   * has learnt: a widget whose run sits idle may start it again when this changes.
   */
  changes = $state(0);
  private started: Promise<BackendSelection | null> | null = null;
  private pageChose = false;

  constructor(
    private readonly engine: () => Pick<EngineApi, 'init'> = getEngine,
    private readonly address: AddressBar | null = browserAddress,
  ) {}

  /** The backend in use as attempted (with its measurement), or null before the selection. */
  get current(): BackendAttempt | null {
    const selection = this.selection;
    return selection?.attempts.find((a) => a.ok && a.name === selection.backend) ?? null;
  }

  get label(): string {
    if (this.error) return 'no backend';
    const current = this.current;
    return current ? backendLabel(current) : 'starting…';
  }

  /** Every backend timed so far, fastest first. */
  get measured(): BackendAttempt[] {
    return (this.selection?.attempts ?? [])
      .filter((a) => a.ok && a.stepsPerSecond !== undefined)
      .sort((a, b) => b.stepsPerSecond! - a.stepsPerSecond!);
  }

  /** "WASM: 2,900 steps/s; WebGPU (software): 90 steps/s" */
  get speeds(): string {
    return this.measured.map((a) => `${backendLabel(a)}: ${formatSpeed(a.stepsPerSecond!)}`).join('; ');
  }

  /** Backends that work but were not timed, with why. */
  get untimed(): string[] {
    return (this.selection?.attempts ?? []).filter((a) => a.ok && a.unmeasured).map((a) => `${backendLabel(a)}: ${a.unmeasured}`);
  }

  /** Backends that failed or were lost, with the reason each was left. */
  get fallbacks(): string[] {
    return (this.selection?.attempts ?? []).filter((a) => !a.ok).map((a) => `${BACKEND_LABELS[a.name]}: ${a.reason ?? 'failed'}`);
  }

  /** Why the backend in use is the one in use, in a sentence. */
  get reason(): string {
    const selection = this.selection;
    if (!selection) return '';
    if (selection.chosenBy === 'only') return 'The only backend that works here.';
    if (selection.chosenBy === 'fastest') return 'The fastest of the backends measured here.';
    const who = { address: 'in the address (?backend=)', menu: 'in this menu', page: 'by this page' }[this.source ?? 'address'];
    return `Chosen ${who}.`;
  }

  /** Starts the worker with the address's choice (once; later calls return the same). */
  start(): Promise<BackendSelection | null> {
    if (!this.started) {
      const named = requestedBackends(this.address?.search() ?? '');
      this.choice = named[0] ?? 'auto';
      this.source = named.length > 0 ? 'address' : null;
      this.started = this.apply(named);
    }
    return this.started;
  }

  /**
   * Asks the worker for `choice`, starting it if needed. Once started this switches: every run is
   * dropped, and each widget starts its work again through recover(). The menu also writes the
   * choice into the address (`updateAddress`), so that a reload or a shared link keeps it.
   */
  choose(choice: BackendChoice, { source = 'menu', updateAddress = source === 'menu' }: { source?: ChoiceSource; updateAddress?: boolean } = {}): Promise<BackendSelection | null> {
    this.choice = choice;
    this.source = choice === 'auto' ? null : source;
    if (updateAddress && this.address) this.address.replaceSearch(searchWithBackend(this.address.search(), choice));
    const wasStarted = this.started !== null;
    const applied = this.apply(choice === 'auto' ? [] : [choice]).then((selection) => {
      if (wasStarted && selection) this.changes++;
      return selection;
    });
    this.started = applied;
    return applied;
  }

  /**
   * An embedded widget's `backend` attribute: page-wide, so the first widget on the page that names
   * one decides, and a `?backend=` in the page's address wins over it.
   */
  preferForPage(choice: BackendName): void {
    if (this.pageChose || requestedBackends(this.address?.search() ?? '').length > 0) return;
    this.pageChose = true;
    void this.choose(choice, { source: 'page', updateAddress: false });
  }

  private apply(prefer: BackendName[]): Promise<BackendSelection | null> {
    this.switching = true;
    return this.engine()
      .init(prefer)
      .then(
        (selection) => {
          this.selection = selection;
          this.error = null;
          return selection;
        },
        (err: unknown) => {
          this.error = errorMessage(err);
          return null;
        },
      )
      .finally(() => (this.switching = false));
  }

  /**
   * For a widget whose call into the worker failed with `err`: if the worker changed backend
   * (BACKEND_LOST, BACKEND_SWITCHED), shows the backend it moved to and returns what the widget
   * says as it starts its work again from initialisation, with the same settings; null for any
   * other error, and when no backend is left (the badge then says why).
   */
  async recover(err: unknown): Promise<string | null> {
    if (!isBackendChange(err)) return null;
    const before = this.selection;
    try {
      this.selection = await this.engine().init();
    } catch (failure) {
      this.error = errorMessage(failure);
      return null;
    }
    const now = this.label;
    if (before?.backend !== this.selection.backend || before.attempts.length !== this.selection.attempts.length) this.changes++;
    if (err.name === BACKEND_SWITCHED) return `Switched to ${now}, as chosen. Started again from initialisation, with the same settings.`;
    const lost = this.selection.attempts.filter((a) => a.lost).at(-1)!;
    return `${BACKEND_LABELS[lost.name]} stopped: ${lost.reason}. Started again from initialisation on ${now}, with the same settings.`;
  }
}

export const backendStatus = new BackendStatus();
