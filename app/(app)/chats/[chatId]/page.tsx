import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { MemberList } from "@/components/chats/member-list";
import { MessageFeed } from "@/components/chats/message-feed";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { settle } from "@/components/ui/settle";
import { CHAT_TYPE_LABEL } from "@/components/chats/chat-type";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { Section } from "@/components/ui/card";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getChat } from "@/lib/graph/chats";
import { getChatMessages } from "@/lib/graph/messages";
import { pageId } from "@/lib/graph/page-ids";

export const metadata: Metadata = { title: "Chat" };

async function ChatDetails({ userId, chatId }: { userId: string; chatId: string }) {
  const result = await settle(getChat(userId, chatId));
  if (result.error) {
    return (
      <>
        <PageHeader title="Chat" />
        <GraphErrorState error={result.error} title="This chat could not be loaded" />
      </>
    );
  }
  const { chat, members } = result.data;
  return (
    <>
      <PageHeader title={chat.title} description={CHAT_TYPE_LABEL[chat.chatType]} />
      <Section id="members-heading" title={`Members (${members.length})`}>
        <MemberList members={members} />
      </Section>
    </>
  );
}

async function Messages({ userId, chatId }: { userId: string; chatId: string }) {
  const result = await settle(getChatMessages(userId, chatId));
  if (result.error) return <GraphErrorState error={result.error} title="Messages could not be loaded" />;
  return <MessageFeed initial={result.data} apiUrl={`/api/chats/${encodeURIComponent(chatId)}/messages`} label="Chat messages" />;
}

export default async function ChatPage({ params }: { params: Promise<{ chatId: string }> }) {
  const user = await requireUser();
  const chatId = pageId((await params).chatId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/chats" className="text-brand-700 hover:underline dark:text-indigo-300">
          All chats
        </Link>
      </nav>
      <ConnectionGate userId={user.id}>
        <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
          <div className="space-y-6">
            <Suspense fallback={<SectionSkeleton label="Loading chat" rows={3} />}>
              <ChatDetails userId={user.id} chatId={chatId} />
            </Suspense>
          </div>
          <Section id="messages-heading" title="Messages">
            <Suspense fallback={<SectionSkeleton label="Loading messages" />}>
              <Messages userId={user.id} chatId={chatId} />
            </Suspense>
          </Section>
        </div>
      </ConnectionGate>
    </>
  );
}
