import type { Metadata } from "next";
import Link from "next/link";
import { AllChats } from "@/components/chats/all-chats";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { buttonClasses } from "@/components/ui/button-styles";
import { Section } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getChatsPage } from "@/lib/graph/chats";
import { refreshAllowed } from "@/lib/http/page-refresh";

export const metadata: Metadata = { title: "All chats" };

type Props = { searchParams: Promise<{ refresh?: string }> };

async function ChatList({ userId, refresh }: { userId: string; refresh: boolean }) {
  const result = await settle(getChatsPage(userId, undefined, { refresh }));
  if (result.error) return <GraphErrorState error={result.error} title="Your chats could not be loaded" />;
  return <AllChats initial={result.data} refresh={refresh} />;
}

export default async function ChatsPage({ searchParams }: Props) {
  const user = await requireUser();
  const refresh = (await searchParams).refresh === "1" && (await refreshAllowed(user.id));
  return (
    <>
      <PageHeader
        title="All chats"
        description="Every chat you are in, most recent first."
        actions={
          <Link href="/chats?refresh=1" prefetch={false} className={buttonClasses({ variant: "secondary" })}>
            Refresh
          </Link>
        }
      />
      <ConnectionGate userId={user.id}>
        <Section id="all-chats-heading" title="Chats">
          <ChatList userId={user.id} refresh={refresh} />
        </Section>
      </ConnectionGate>
    </>
  );
}
