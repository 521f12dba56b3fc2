/**
 * Where the reader is, kept across lazy widgets. Widgets load as the reader nears them and then grow
 * from a placeholder to their full height, so a pixel offset does not name a place in the essay:
 * after a reload the widgets above the old offset are placeholders again, and a link to a widget
 * lands too high once the widgets above it have grown. Instead:
 * - the reading position is saved (sessionStorage, per tab) as a block of the essay (a paragraph,
 *   an equation, a figure) and how far its top is from the top of the window;
 * - a reload (or a history visit without the page cache) puts that block back where it was, Back
 *   after a jump within the page (a citation, an equation reference) returns to where the reader
 *   was, and opening a link with a fragment puts the fragment's target at the top;
 * - either way the block is then held there while the layout settles, by scrolling back whenever
 *   something resizes, until the reader scrolls or the layout has been still for a while.
 * Storage may be unavailable (private modes, disabled storage): then only the fragment is honoured.
 * Nothing here throws.
 */

/** The leaves of the essay's layout: every block of a chapter, and everything outside chapters. */
const BLOCKS = '.essay > :not(.chapter), .essay > .chapter > *';
const KEY = `ntk-reading-position:${location.pathname}`;
/** How long the layout must stay still before the hold ends, and the most it lasts. */
const SETTLE_MS = 4000;
const MAX_HOLD_MS = 30_000;
/** Input that means the reader is moving through the page themselves. */
const READER_INPUT = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;

interface Position {
  block: number;
  /** Pixels from the top of the window to the top of the block (negative once it has scrolled past). */
  offset: number;
}

function blocks(): Element[] {
  return [...document.querySelectorAll(BLOCKS)];
}

/**
 * The first block whose top is in view below the sticky header: its top does not move when a
 * widget above or inside it changes height. Failing that (one tall figure fills the window), the
 * block the top of the window is in.
 */
export function currentPosition(top = headerHeight()): Position | null {
  const tops = blocks().map((b) => b.getBoundingClientRect());
  let block = tops.findIndex((r) => r.top >= top && r.top < innerHeight);
  if (block < 0) block = tops.findIndex((r) => r.bottom > top);
  return block < 0 ? null : { block, offset: tops[block].top };
}

function headerHeight(): number {
  return document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
}

function save(): void {
  const position = currentPosition();
  try {
    if (position) sessionStorage.setItem(KEY, JSON.stringify(position));
  } catch {
    // No storage: a reload starts at the top or the fragment.
  }
}

function saved(): Position | null {
  try {
    const raw = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Position> | null;
    return raw && Number.isInteger(raw.block) && Number.isFinite(raw.offset) ? (raw as Position) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `target`'s top `offset` pixels below the top of the window while anything resizes, until
 * the reader scrolls (or anything else scrolls the page: a script, a scrollbar, find in page), the
 * layout has been still for SETTLE_MS, or MAX_HOLD_MS have passed.
 */
export function holdInPlace(target: Element, offset: number): () => void {
  /** Where this hold last left the page: a scroll to anywhere else was not ours. */
  let expected = scrollY;
  const place = () => {
    const delta = target.getBoundingClientRect().top - offset;
    if (Math.abs(delta) >= 1) window.scrollBy({ top: delta, behavior: 'instant' });
    expected = scrollY;
  };
  // A scroll that leaves the target where it is held (the browser's own jump to the fragment) is
  // harmless; any other moved the page on purpose.
  const onScroll = () => {
    if (Math.abs(scrollY - expected) > 2 && Math.abs(target.getBoundingClientRect().top - offset) > 2) stop();
    else expected = scrollY;
  };
  let settle = setTimeout(stop, SETTLE_MS);
  const giveUp = setTimeout(stop, MAX_HOLD_MS);
  const resized = new ResizeObserver(() => {
    place();
    clearTimeout(settle);
    settle = setTimeout(stop, SETTLE_MS);
  });
  for (const el of [document.documentElement, ...document.querySelectorAll('.widget-slot')]) resized.observe(el);
  for (const type of READER_INPUT) addEventListener(type, stop, { passive: true, capture: true });
  addEventListener('scroll', onScroll, { passive: true });
  place();

  function stop() {
    clearTimeout(settle);
    clearTimeout(giveUp);
    resized.disconnect();
    for (const type of READER_INPUT) removeEventListener(type, stop, { capture: true });
    removeEventListener('scroll', onScroll);
  }
  return stop;
}

function navigationType(): string {
  const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return entry?.type ?? 'navigate';
}

/** The element a fragment names, if any (`#widget-ntk-drift`, `#eq-loss`, `#spectrum`). */
function fragmentTarget(): Element | null {
  const id = decodeURIComponent(location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

/**
 * Call once the essay's text is in the page: restores the reading position on a reload, lands on
 * the fragment's target on a fresh visit, and from then on saves the position as the reader scrolls.
 */
export function keepReadingPosition(): () => void {
  // The browser's own restoration would put back a pixel offset, before the widgets above have
  // grown; this module restores instead, across reloads and across jumps within the page.
  history.scrollRestoration = 'manual';
  const type = navigationType();
  const restored = type === 'reload' || type === 'back_forward' ? saved() : null;
  let release = restored ? hold(restored) : () => {};
  if (!restored) {
    const target = fragmentTarget();
    if (target) {
      target.scrollIntoView({ block: 'start', behavior: 'instant' });
      release = holdInPlace(target, target.getBoundingClientRect().top);
    }
  }

  let pending: ReturnType<typeof setTimeout> | undefined;
  const onScroll = () => {
    clearTimeout(pending);
    pending = setTimeout(save, 200);
  };
  // A link within the page (a citation, an equation, the contents) adds a history entry: the
  // entry being left remembers the position, and Back (popstate) returns to it.
  const onClick = (e: MouseEvent) => {
    if (!(e.target instanceof Element) || !e.target.closest('a[href^="#"]')) return;
    const position = currentPosition();
    if (position) history.replaceState({ ...history.state, readingPosition: position }, '');
  };
  const onPopState = (e: PopStateEvent) => {
    const position = (e.state as { readingPosition?: Position } | null)?.readingPosition;
    if (!position) return;
    release();
    release = hold(position);
  };
  addEventListener('scroll', onScroll, { passive: true });
  addEventListener('click', onClick, { capture: true });
  addEventListener('popstate', onPopState);
  addEventListener('pagehide', save);
  return () => {
    release();
    clearTimeout(pending);
    removeEventListener('scroll', onScroll);
    removeEventListener('click', onClick, { capture: true });
    removeEventListener('popstate', onPopState);
    removeEventListener('pagehide', save);
  };
}

/** Holds a saved position's block where it was, if the essay still has that block. */
function hold(position: Position): () => void {
  const block = blocks()[position.block];
  return block ? holdInPlace(block, position.offset) : () => {};
}
