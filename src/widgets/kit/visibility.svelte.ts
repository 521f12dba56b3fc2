/**
 * Whether an element is on screen and its tab visible: widgets train only while this is true, so
 * a reader scrolling past or switching tabs never leaves the GPU busy.
 *
 * "On screen" also needs the element to be shown: slide decks keep the other slides in the layout
 * (where IntersectionObserver counts them as intersecting) but fade them to opacity 0, hide them
 * with `visibility`, or mark them `hidden` / `aria-hidden="true"` (Reveal.js does all of these).
 * While the element intersects, that is checked every SHOWN_CHECK_MS.
 */
export class Visibility {
  onScreen = $state(false);
  tabVisible = $state(typeof document === 'undefined' ? true : document.visibilityState === 'visible');
  readonly visible = $derived(this.onScreen && this.tabVisible && frame.shown);

  /** Svelte action-style attachment: returns the cleanup. */
  observe(element: Element): () => void {
    let intersecting = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const check = () => (this.onScreen = intersecting && isShown(element));
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) intersecting = entry.isIntersecting;
      check();
      clearInterval(timer);
      if (intersecting) timer = setInterval(check, SHOWN_CHECK_MS);
    });
    observer.observe(element);
    const onVisibility = () => (this.tabVisible = document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }
}

/**
 * Whether the page that frames this one shows it. An iframe cannot see its parent's styles; the
 * iframe page (src/embed/EmbedPage.svelte) sets this from what the parent tells it (a Reveal.js deck
 * posts 'slide:stop' and 'slide:start' to the iframes of the slide it leaves and enters).
 */
export const frame = $state({ shown: true });

/** How often an intersecting element is checked for being hidden (a slide change takes effect within this). */
export const SHOWN_CHECK_MS = 250;

/** The element's parent in the flat tree: across slots and out of shadow roots. */
function flatParent(node: Element): Element | null {
  if (node.assignedSlot) return node.assignedSlot;
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** False when the element or an ancestor is transparent, invisible, `hidden` or `aria-hidden="true"`. */
export function isShown(element: Element): boolean {
  for (let node: Element | null = element; node; node = flatParent(node)) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
  }
  // checkVisibility is missing only from old browsers, which then train behind a fade.
  return element.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) ?? true;
}
