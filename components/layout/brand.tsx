import Link from "next/link";

export function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded font-semibold tracking-tight">
      <span
        aria-hidden
        className="grid h-8 w-8 place-items-center rounded-lg bg-brand-500 text-sm font-bold text-white"
      >
        TC
      </span>
      <span>Teams Connect</span>
    </Link>
  );
}
