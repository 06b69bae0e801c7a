import type { Metadata } from "next";
import { AllChats } from "@/components/chats/all-chats";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle } from "@/components/ui/settle";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { Section } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getChatsPage } from "@/lib/graph/chats";

export const metadata: Metadata = { title: "All chats" };

async function ChatList({ userId }: { userId: string }) {
  const result = await settle(getChatsPage(userId));
  if (result.error) return <GraphErrorState error={result.error} title="Your chats could not be loaded" />;
  return <AllChats initial={result.data} />;
}

export default async function ChatsPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="All chats" description="Every chat you are in, most recent first." />
      <ConnectionGate userId={user.id}>
        <Section id="all-chats-heading" title="Chats">
          <ChatList userId={user.id} />
        </Section>
      </ConnectionGate>
    </>
  );
}
