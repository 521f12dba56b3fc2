/**
 * Keys that a focused control inside a widget uses itself. A host page listening for keys (a slide
 * deck's arrows, space, `f`, `b`) sees focus on the custom element, not on an input, since the
 * input is in its shadow root; so the element stops these keys at its shadow root. Escape and Tab
 * always go on: they leave the widget.
 */
const MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
const ACTIVATE_KEYS = new Set([' ', 'Enter']);
const PRESSABLE_INPUTS = new Set(['checkbox', 'button', 'submit', 'reset', 'image', 'color', 'file']);

export interface FocusedControl {
  tagName: string;
  /** An input's type. */
  type?: string;
  isContentEditable?: boolean;
  getAttribute(name: string): string | null;
}

export function controlUsesKey(control: FocusedControl, key: string): boolean {
  if (key === 'Escape' || key === 'Tab') return false;
  const tag = control.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || control.isContentEditable) return true;
  if (tag === 'input') {
    const type = (control.type ?? 'text').toLowerCase();
    if (type === 'range') return MOVE_KEYS.has(key);
    if (type === 'radio') return MOVE_KEYS.has(key) || ACTIVATE_KEYS.has(key);
    if (PRESSABLE_INPUTS.has(type)) return ACTIVATE_KEYS.has(key);
    return true;
  }
  if (tag === 'button' || tag === 'summary' || (tag === 'a' && control.getAttribute('href') !== null)) return ACTIVATE_KEYS.has(key);
  const role = control.getAttribute('role');
  if (role === 'slider' || role === 'spinbutton') return MOVE_KEYS.has(key);
  if (role === 'button' || role === 'checkbox' || role === 'switch') return ACTIVATE_KEYS.has(key);
  return false;
}

/** Stops, at `root`, the key events whose key the focused control inside uses (keydown, keypress, keyup). */
export function keepKeysInside(root: ShadowRoot): void {
  const stop = (event: Event) => {
    const target = event.composedPath()[0];
    if (target instanceof Element && controlUsesKey(target as Element & FocusedControl, (event as KeyboardEvent).key)) event.stopPropagation();
  };
  for (const type of ['keydown', 'keypress', 'keyup']) root.addEventListener(type, stop);
}
