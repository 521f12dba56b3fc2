/**
 * The names under which widgets are embedded: one custom element per registered widget, named
 * `ntk-<widget name>` (a name that already starts with `ntk-`, like `ntk-drift`, is used as is).
 * The iframe route takes the same name in its `w` parameter, so both ways of embedding agree.
 */
import { WIDGETS, type WidgetName } from '../widgets/registry';

export const ELEMENT_PREFIX = 'ntk-';

export function elementName(widget: WidgetName): string {
  return widget.startsWith(ELEMENT_PREFIX) ? widget : `${ELEMENT_PREFIX}${widget}`;
}

export const WIDGET_NAMES = Object.keys(WIDGETS) as WidgetName[];

/** The widget an element name stands for, or undefined for a name that is not one of ours. */
export function widgetOfElement(element: string): WidgetName | undefined {
  const tag = element.trim().toLowerCase();
  return WIDGET_NAMES.find((name) => elementName(name) === tag);
}
