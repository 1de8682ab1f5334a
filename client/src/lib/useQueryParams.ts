import { useSearchParams } from 'react-router';

/**
 * The page's query parameters, and a way to change some of them in place (null removes
 * one) without adding a history entry: filters live in the address, so a reload or a
 * shared link shows the same view.
 */
export function useQueryParams(): [URLSearchParams, (patch: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (patch: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  return [params, update];
}
