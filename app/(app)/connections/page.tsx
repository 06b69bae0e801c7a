import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Connections" };

export default function ConnectionsPage() {
  return <PageHeader title="Connections" description="Your Microsoft Teams connection: status, account and permissions." />;
}
