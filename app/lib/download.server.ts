/**
 * Headers for a file sent as a download, never shown inline: its type as stored, and its name
 * both as plain ASCII (old clients) and in UTF-8 (RFC 5987/6266). "X-Content-Type-Options:
 * nosniff" comes with every answer from helmet (server/app.ts); set here as well, it would be sent twice.
 */
export function attachmentHeaders(name: string, mimeType: string, size?: number): Record<string, string> {
  // Only attr-chars stay as they are (RFC 5987 §3.2.1); encodeURIComponent leaves ' ( ) * ! too.
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%;]/g, "_") || "dokument";
  return {
    "Content-Type": mimeType,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    "Cache-Control": "private, no-store",
    ...(size === undefined ? {} : { "Content-Length": String(size) }),
  };
}
