/**
 * Display equations wider than the column scroll sideways inside their box (src/essay/essay.css
 * draws the shadows that show it). Those boxes, and only those, are made focusable, so the
 * keyboard can scroll them, and labelled, so a screen reader says what they are; the check runs
 * again whenever a box changes size (a phone turned, the font zoomed) and once the math fonts
 * have loaded.
 */
export function markScrollingEquations(root: ParentNode = document): () => void {
  const mark = (body: Element) => {
    const scrolls = body.scrollWidth > body.clientWidth + 1;
    body.classList.toggle('scrolls', scrolls);
    if (scrolls) {
      const number = body.parentElement?.querySelector('.equation-number')?.textContent ?? '';
      body.setAttribute('tabindex', '0');
      body.setAttribute('role', 'group');
      body.setAttribute('aria-label', `Equation ${number}, wider than the page: scroll sideways to read all of it`);
    } else {
      for (const attribute of ['tabindex', 'role', 'aria-label']) body.removeAttribute(attribute);
    }
  };
  const observer = new ResizeObserver((entries) => entries.forEach((e) => mark(e.target)));
  const bodies = [...root.querySelectorAll('.equation-body')];
  for (const body of bodies) observer.observe(body);
  // The math fonts load after the first layout and change the math's width, not its box's.
  void document.fonts?.ready.then(() => bodies.forEach(mark));
  return () => observer.disconnect();
}
