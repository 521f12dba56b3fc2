/**
 * One custom element per widget (`<ntk-drift lr="0.5">`). The widget renders into the element's
 * open shadow root: the root adopts the shared theme sheet, and Svelte injects each component's
 * styles into that root when it mounts (the embed build compiles with `css: 'injected'`, whose
 * styles go to the nearest shadow root rather than document.head). Attributes are parsed with the
 * widget's schema like the essay's URL state, and the embed options (./options.ts: compact, scale,
 * theme, backend) with theirs; changing one at run time hands the widget new values, which it
 * adopts. Every widget on the page talks to the same engine (src/engine/client.ts getEngine is a
 * per-page singleton, and this bundle has one copy of it).
 */
import { mount, unmount } from 'svelte';
import { backendStatus } from '../engine/backendStatus.svelte';
import { errorMessage } from '../lib/errorMessage';
import { parseSettings } from '../lib/settings';
import LazyWidget from '../widgets/LazyWidget.svelte';
import { WIDGETS, type WidgetName } from '../widgets/registry';
import { splitAttributes } from './attributes';
import { keepKeysInside } from './keys';
import { elementName } from './names';
import { displayOf, EMBED_OPTION_KEYS, parseEmbedOptions } from './options';

export function defineWidgetElement(widget: WidgetName, sheet: CSSStyleSheet): void {
  const tag = elementName(widget);
  // A page that loads the bundle twice (two URLs for the same file) keeps the first definition.
  if (customElements.get(tag)) return;
  const entry = WIDGETS[widget];

  class WidgetElement extends HTMLElement {
    static readonly observedAttributes = [...entry.schema.map((s) => s.key), ...EMBED_OPTION_KEYS];

    readonly #shadow = this.attachShadow({ mode: 'open' });
    #app: Record<string, unknown> | null = null;
    /** Re-reads the attributes into the mounted widget's props; null while not mounted. */
    #update: (() => void) | null = null;
    #updateQueued = false;

    constructor() {
      super();
      this.#shadow.adoptedStyleSheets = [sheet];
      keepKeysInside(this.#shadow);
    }

    /** The setting attributes last parsed, so that changing only an embed option keeps the run going. */
    #settingAttributes = '';

    #parse(previous?: { settings: ReturnType<typeof parseSettings> }) {
      const split = splitAttributes(entry.schema, this.attributes);
      const raw = JSON.stringify(split.settings);
      const same = previous && raw === this.#settingAttributes;
      this.#settingAttributes = raw;
      return { settings: same ? previous.settings : parseSettings(entry.schema, split.settings), options: parseEmbedOptions(split.options) };
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
        // .root stops the host's inherited styles and carries theme and scale; .themed sets the palette (./theme.ts).
        const root = document.createElement('div');
        root.className = 'root';
        const themed = root.appendChild(document.createElement('div'));
        themed.className = 'themed';
        this.#shadow.replaceChildren(root);
        let parsed = $state.raw(this.#parse());
        const show = () => {
          const { theme, scale, backend } = parsed.options.values;
          root.dataset.theme = theme;
          root.style.zoom = String(scale);
          if (backend !== 'auto') backendStatus.preferForPage(backend);
        };
        show();
        this.#update = () => {
          parsed = this.#parse(parsed);
          show();
        };
        this.#app = mount(LazyWidget, {
          target: themed,
          props: {
            entry,
            get settings() {
              return parsed.settings.values;
            },
            get issues() {
              return [...parsed.settings.issues, ...parsed.options.issues];
            },
            get display() {
              return displayOf(parsed.options.values);
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
