import Link from "next/link";
import { buttonClasses } from "./button-styles";

/** Previous/next links that keep the current filters in the query string. */
export function Pagination({
  page,
  pageCount,
  params,
  label,
}: {
  page: number;
  pageCount: number;
  params: Record<string, string | undefined>;
  label: string;
}) {
  const href = (p: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]),
    );
    return `?${query.toString()}`;
  };
  const link = buttonClasses({ variant: "secondary" });
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link}>
          Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600 dark:text-slate-400">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={link}>
          Next page
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
