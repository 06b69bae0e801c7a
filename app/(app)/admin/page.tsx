import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return <PageHeader title="Admin" description="Connection health for every user, re-prompts and the audit log." />;
}
