import type { PresenceView } from "@/lib/graph/types";

const COLORS: Record<string, string> = {
  Available: "bg-green-500",
  AvailableIdle: "bg-green-500",
  Busy: "bg-red-500",
  BusyIdle: "bg-red-500",
  DoNotDisturb: "bg-red-700",
  Away: "bg-amber-400",
  BeRightBack: "bg-amber-400",
  Offline: "bg-slate-400",
};

/** Graph's PascalCase values as words: "InACall" → "In a call", "BeRightBack" → "Be right back". */
const words = (value: string) =>
  value
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1 $2")
    .replace(/ (\w)/g, (_m, c: string) => ` ${c.toLowerCase()}`);

export function PresenceBadge({ presence }: { presence: PresenceView }) {
  return (
    <p className="flex items-center gap-2 text-sm" aria-label={`Your Teams presence: ${words(presence.availability)}`}>
      <span
        aria-hidden
        className={`inline-block h-3 w-3 rounded-full ${COLORS[presence.availability] ?? "bg-slate-400"}`}
      />
      <span className="font-medium">{words(presence.availability)}</span>
      {presence.activity !== presence.availability ? (
        <span className="text-slate-500 dark:text-slate-400">({words(presence.activity)})</span>
      ) : null}
    </p>
  );
}
