import { useLayoutEffect, useState, type RefObject } from 'react';

/** Where styles.css gives the staff header its one-row layout (the whole menu in the header). */
const WIDE = '(min-width: 960px)';

/**
 * Whether the staff header must stay compact on a wide screen: its one row (brand, every menu
 * item, the bell, who is signed in, language, sign-out) does not fit — a coordinator's nine
 * pages at 960 px, English words, large text. The header then keeps the phone's layout, the
 * menu behind its button, instead of wrapping onto a second or third row.
 *
 * It is measured, not guessed from the width: the one-row layout is put on for the moment of
 * the measurement (before the browser paints) and the menu checked for overflow. It is measured
 * again when the header's width changes, when a menu item's does (a badge arrives) and when
 * `deps` change (the language, the items).
 */
export function useCompactHeader(header: RefObject<HTMLElement | null>, nav: RefObject<HTMLElement | null>, deps: readonly unknown[]): boolean {
  const [compact, setCompact] = useState(false);

  useLayoutEffect(() => {
    const el = header.current;
    const menu = nav.current;
    if (!el || !menu) return;
    const wide = window.matchMedia(WIDE);
    const measure = () => {
      if (!wide.matches) {
        setCompact(false);
        return;
      }
      const wasCompact = el.classList.contains('is-compact');
      el.classList.remove('is-compact');
      const overflows = menu.scrollWidth > menu.clientWidth + 1 || el.scrollWidth > el.clientWidth + 1;
      // Back as React rendered it; React changes it if the answer changed.
      if (wasCompact) el.classList.add('is-compact');
      setCompact(overflows);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const item of Array.from(menu.children)) observer.observe(item);
    wide.addEventListener('change', measure);
    return () => {
      observer.disconnect();
      wide.removeEventListener('change', measure);
    };
    // The refs are stable; deps name what else changes the row.
  }, deps);

  return compact;
}
