/** Small DOM helpers: every screen has a heading and named buttons, so it reads well to assistive tech. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

export function button(
  label: string,
  onClick: () => void,
  props: Partial<Record<string, string>> = {},
): HTMLButtonElement {
  const node = el("button", { type: "button", ...props }, label);
  node.addEventListener("click", onClick);
  return node;
}

/** Replaces the dialog body and moves focus to the new heading. */
export function render(root: HTMLElement, ...children: Node[]): void {
  root.replaceChildren(...children);
  const heading = root.querySelector<HTMLElement>("h1, h2");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}
