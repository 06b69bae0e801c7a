import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CHAT_TYPE_LABEL } from "@/components/chats/chat-type";
import { MemberList } from "@/components/chats/member-list";
import { ChatConversation } from "@/components/chats/chat-conversation";
import { ConnectionGate } from "@/components/connections/connection-gate";
import { WriteAccessProvider } from "@/components/connections/write-access";
import { Section } from "@/components/ui/card";
import { GraphErrorState } from "@/components/ui/graph-error-state";
import { PageHeader } from "@/components/ui/page-header";
import { settle } from "@/components/ui/settle";
import { SectionSkeleton } from "@/components/ui/skeleton";
import { requireUser } from "@/lib/auth/session";
import { connectUiConfig } from "@/lib/connections/connect-ui-config";
import { getChat } from "@/lib/graph/chats";
import { getChatMessages } from "@/lib/graph/messages";
import { pageId } from "@/lib/http/page-ids";

export const metadata: Metadata = { title: "Chat" };

type ChatRead = ReturnType<typeof getChat>;

async function ChatHeader({ chat }: { chat: ChatRead }) {
  const result = await settle(chat);
  if (result.error) {
    return (
      <>
        <PageHeader title="Chat" />
        <GraphErrorState error={result.error} title="This chat could not be loaded" />
      </>
    );
  }
  return <PageHeader title={result.data.chat.title} description={CHAT_TYPE_LABEL[result.data.chat.chatType]} />;
}

/** The header already says when the chat failed to load: the members just stay away. */
async function Members({ chat }: { chat: ChatRead }) {
  const { data } = await settle(chat);
  if (!data) return null;
  return (
    <Section
      id="members-heading"
      title={`Members (${data.members.length})`}
      className="lg:col-start-1 lg:row-start-1 lg:self-start"
    >
      <MemberList members={data.members} />
    </Section>
  );
}

async function Messages({ userId, chatId }: { userId: string; chatId: string }) {
  const result = await settle(getChatMessages(userId, chatId));
  if (result.error) return <GraphErrorState error={result.error} title="Messages could not be loaded" />;
  return (
    <WriteAccessProvider config={connectUiConfig()}>
      <ChatConversation chatId={chatId} initial={result.data} />
    </WriteAccessProvider>
  );
}

/** Rendered only behind the connection gate, so Graph is asked only for a working connection. */
function ChatBody({ userId, chatId }: { userId: string; chatId: string }) {
  // One Graph read feeds the header and the member list, which stream in separately.
  const chat = getChat(userId, chatId);
  // Awaited (through settle) by the boundaries below; this only keeps an early rejection from counting as unhandled.
  chat.catch(() => undefined);
  return (
    <>
      <Suspense fallback={<PageHeader title="Chat" />}>
        <ChatHeader chat={chat} />
      </Suspense>
      {/* Messages first in the document (a phone shows them first); on wide screens the members sit in a left column. */}
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Section id="messages-heading" title="Messages" className="lg:col-start-2 lg:row-start-1">
          <Suspense fallback={<SectionSkeleton label="Loading messages" />}>
            <Messages userId={userId} chatId={chatId} />
          </Suspense>
        </Section>
        <Suspense fallback={<SectionSkeleton label="Loading chat members" rows={3} />}>
          <Members chat={chat} />
        </Suspense>
      </div>
    </>
  );
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
        <ChatBody userId={user.id} chatId={chatId} />
      </ConnectionGate>
    </>
  );
}
