import { PageSkeleton } from "@/components/ui/skeleton";

/** Skeleton while an admin page's data loads. */
export default function AdminLoading() {
  return <PageSkeleton label="Loading" rows={6} rowClassName="h-10" />;
}
