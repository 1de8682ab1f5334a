import { useEffect, useRef } from 'react';

/**
 * On narrow screens a side editor sits above the list, out of sight of the row
 * that opened it: bring it into view whenever `key` changes.
 */
export function useRevealOnPhone<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined) return;
    if (window.matchMedia('(max-width: 959px)').matches) ref.current?.scrollIntoView({ block: 'start' });
  }, [key]);
  return ref;
}
