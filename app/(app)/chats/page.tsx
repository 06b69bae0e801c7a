import type { Metadata } from "next";
import Link from "next/link";
import { AllChats } from "@/components/chats/all-chats";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle, type Settled } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { buttonClasses } from "@/components/ui/button-styles";
import { Section } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getChatsPage } from "@/lib/graph/chats";
import type { ChatSummary, Paged } from "@/lib/graph/types";
import { refreshAllowed } from "@/lib/http/page-refresh";

export const metadata: Metadata = { title: "All chats" };

type Props = { searchParams: Promise<{ refresh?: string }> };

async function ChatList({ first, refresh }: { first: Promise<Settled<Paged<ChatSummary>>>; refresh: boolean }) {
  const result = await first;
  if (result.error) return <GraphErrorState error={result.error} title="Your chats could not be loaded" />;
  return <AllChats initial={result.data} refresh={refresh} />;
}

export default async function ChatsPage({ searchParams }: Props) {
  const user = await requireUser();
  const refresh = (await searchParams).refresh === "1" && (await refreshAllowed(user.id));
  // Asked for before the connection gate renders (Next's preload pattern): the gate's own
  // checks then overlap the Graph round trip. Without a working connection the read
  // fails before any Graph call, and the gate shows the way forward instead.
  const first = settle(getChatsPage(user.id, undefined, { refresh }));
  // Not an unhandled rejection when the gate never renders the list (it awaits and rethrows it otherwise).
  first.catch(() => undefined);
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
          <ChatList first={first} refresh={refresh} />
        </Section>
      </ConnectionGate>
    </>
  );
}
