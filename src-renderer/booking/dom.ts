/**
 * Elements built with the DOM API (never innerHTML: the page's texts include what the server
 * sends, and its CSP allows no inline anything).
 */
type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A button that runs `action` when pressed. */
export function button(
  label: Child | Child[],
  action: () => void,
  attributes: Attributes = {},
): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', action);
  return element;
}

/** A step's heading, focused when the step is shown so a screen reader announces it. */
export const heading = (text: string): HTMLHeadingElement =>
  h('h1', { tabindex: '-1', class: 'booking-heading' }, text);
