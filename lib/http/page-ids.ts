import "server-only";
import { notFound } from "next/navigation";
import { decodeParam, isGraphId } from "@/lib/graph/ids";

/** A page's id segment, or the 404 page when it is not shaped like a Graph id. */
export function pageId(raw: string): string {
  const id = decodeParam(raw);
  if (!isGraphId(id)) notFound();
  return id;
}
