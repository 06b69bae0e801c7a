// Everything the integration tests drive, imported in one go after env is set.
export { graphBatch } from "../batch";
export { invalidateUserCache } from "../cache";
export { getChat, getChatsPage, getRecentChats } from "../chats";
export { decodeCursor, encodeCursor } from "../cursor";
export { getChannelMessages, getChatMessages } from "../messages";
export { resetPacing } from "../pacing";
export { getAllPages } from "../paging";
export { graphPolicy } from "../policy";
export { getMyPresence } from "../presence";
export { graphConnectionFor } from "../connection";
export { getJoinedTeams, getTeamWithChannels } from "../teams";
export { getDashboardInOneTrip, recheckPresenceAndRecentChats } from "../dashboard";
