/**
 * One custom element per widget (`<ntk-drift lr="0.5">`). The widget renders into the element's
 * open shadow root: the root adopts the shared theme sheet, and Svelte injects each component's
 * styles into that root when it mounts (the embed build compiles with `css: 'injected'`, whose
 * styles go to the nearest shadow root rather than document.head). Attributes are parsed with the
 * widget's schema like the essay's URL state; changing one at run time hands the widget a new
 * settings object, which it adopts. Every widget on the page talks to the same worker
 * (src/engine/client.ts getEngine is a per-page singleton, and this bundle has one copy of it).
 */
import { mount, unmount } from 'svelte';
import { errorMessage } from '../lib/errorMessage';
import { parseSettings } from '../lib/settings';
import LazyWidget from '../widgets/LazyWidget.svelte';
import { WIDGETS, type WidgetName } from '../widgets/registry';
import { settingAttributes } from './attributes';
import { elementName } from './names';

export function defineWidgetElement(widget: WidgetName, sheet: CSSStyleSheet): void {
  const tag = elementName(widget);
  // A page that loads the bundle twice (two URLs for the same file) keeps the first definition.
  if (customElements.get(tag)) return;
  const entry = WIDGETS[widget];

  class WidgetElement extends HTMLElement {
    static readonly observedAttributes = entry.schema.map((s) => s.key);

    readonly #shadow = this.attachShadow({ mode: 'open' });
    #app: Record<string, unknown> | null = null;
    /** Re-reads the attributes into the mounted widget's props; null while not mounted. */
    #update: (() => void) | null = null;
    #updateQueued = false;

    constructor() {
      super();
      this.#shadow.adoptedStyleSheets = [sheet];
    }

    #parse() {
      return parseSettings(entry.schema, settingAttributes(entry.schema, this.attributes));
    }

    /** Renders a plain message in place of the widget; nothing is thrown into the host page. */
    #fail(error: unknown): void {
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = `The ${entry.title.toLowerCase()} widget could not start: ${errorMessage(error)}`;
      this.#shadow.replaceChildren(p);
    }

    connectedCallback(): void {
      if (this.#app) return;
      try {
        const root = document.createElement('div');
        root.className = 'root';
        this.#shadow.replaceChildren(root);
        let parsed = $state.raw(this.#parse());
        this.#update = () => (parsed = this.#parse());
        this.#app = mount(LazyWidget, {
          target: root,
          props: {
            entry,
            get settings() {
              return parsed.values;
            },
            get issues() {
              return parsed.issues;
            },
          },
        });
      } catch (error) {
        this.#fail(error);
      }
    }

    disconnectedCallback(): void {
      if (!this.#app) return;
      const app = this.#app;
      this.#app = null;
      this.#update = null;
      void unmount(app);
    }

    attributeChangedCallback(): void {
      // Several attributes set in one task become one new settings object, so the widget resets once.
      if (!this.#update || this.#updateQueued) return;
      this.#updateQueued = true;
      queueMicrotask(() => {
        this.#updateQueued = false;
        try {
          this.#update?.();
        } catch (error) {
          this.#fail(error);
        }
      });
    }
  }

  customElements.define(tag, WidgetElement);
}
