/**
 * Whether an element is on screen and its tab visible: widgets train only while this is true, so
 * a reader scrolling past or switching tabs never leaves the GPU busy.
 */
export class Visibility {
  onScreen = $state(false);
  tabVisible = $state(typeof document === 'undefined' ? true : document.visibilityState === 'visible');
  readonly visible = $derived(this.onScreen && this.tabVisible);

  /** Svelte action-style attachment: returns the cleanup. */
  observe(element: Element): () => void {
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) this.onScreen = entry.isIntersecting;
    });
    observer.observe(element);
    const onVisibility = () => (this.tabVisible = document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }
}
