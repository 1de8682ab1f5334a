/** A done-and-dusted message after an action (announced politely to screen readers); nothing when there is none. */
export function Notice({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <div className="alert alert-ok" role="status">
      {text}
    </div>
  );
}
