import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/form-message";

/** "Load older", or the note that there is nothing older; the reason when a page failed. */
export function LoadOlder({
  more,
  loading,
  error,
  onLoad,
}: {
  more: boolean;
  loading: boolean;
  error: string | null;
  onLoad: () => void;
}) {
  return (
    <div className="flex flex-col items-start gap-2" aria-live="polite">
      {more ? (
        <Button variant="secondary" size="lg" onClick={onLoad} pending={loading} pendingLabel="Loading older messages…">
          Load older
        </Button>
      ) : (
        <p className="text-sm text-slate-500">This is the beginning of the conversation.</p>
      )}
      {error ? <InlineError>{error}</InlineError> : null}
    </div>
  );
}
