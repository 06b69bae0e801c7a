import { PageSkeleton } from "@/components/dashboard/skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading this channel" />;
}
