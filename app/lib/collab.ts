import type { AboutField } from "../domain/lists.ts";

// Shared texts that several people write in at once (TipTap + Yjs through Hocuspocus at
// /collab). Names of the documents, the colour of a person's caret, and the text the server
// last projected from each document. Pure: safe on the server and in the browser.

/** The Yjs document of one text; the server decides from the name who may read or write it. */
export const collabDocument = {
  about: (planId: string, field: AboutField) => `plan:${planId}:${field}`,
  goalDescription: (goalId: string) => `goal:${goalId}:description`,
  measureDescription: (measureId: string) => `measure:${measureId}:description`,
  evaluationAchieved: (evaluationId: string) => `evaluation:${evaluationId}:achieved`,
  meetingMinutes: (meetingId: string) => `meeting:${meetingId}:minutes`,
} as const;

/**
 * Why the server closed a socket for a retry: its database is away. The browser keeps its
 * changes and reconnects; it is not a refusal.
 */
export const DATABASE_UNAVAILABLE_REASON = "database-unavailable";

/** The WebSocket address of the collaboration server: same origin, path /collab. */
export function collabUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/**
 * Caret colours: each has at least 5:1 contrast with white, so the name label (white text on
 * the colour) passes WCAG AA with room to spare.
 */
export const CARET_COLOURS = ["#1d4ed8", "#b91c1c", "#047857", "#7e22ce", "#be185d", "#0e7490", "#c2410c", "#4338ca", "#9d174d", "#115e59"] as const;

/** A person's caret colour: the same on every device, from their user id. */
export function caretColour(userId: string): string {
  // FNV-1a: small, stable, spreads similar ids well enough for ten colours.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return CARET_COLOURS[hash % CARET_COLOURS.length];
}

/**
 * The HTML the server last projected from a shared text (sanitised there), or undefined for a
 * text never opened in the editor: then the page shows the plain text column instead.
 * `plan.texts` comes from the plan's loader data.
 */
export function storedHtml(plan: object, documentName: string): string | undefined {
  const texts = (plan as { texts?: Record<string, string | null | undefined> | null }).texts;
  const html = texts?.[documentName];
  return typeof html === "string" && html.trim() ? html : undefined;
}
