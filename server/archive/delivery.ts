// Where an archive copy goes (docs/decisions/027). The copy is always kept in the database (the
// coordinating unit downloads it from the plan); the "database" adapter stops there, the "http"
// adapter also posts the ZIP to the municipality's archive (ARCHIVE_HTTP_URL) and records
// whether it was taken. A failed post leaves the copy FAILED, and the archive job tries again.

export interface ArchiveParcel {
  archiveId: string;
  planId: string;
  /** The municipality's case number, when there is one. */
  caseReference: string | null;
  zip: Buffer;
  checksum: string;
}

export interface ArchiveDelivery {
  readonly name: "database" | "http";
  /** Resolves when the archive has the copy; throws with a short reason otherwise. */
  deliver(parcel: ArchiveParcel): Promise<void>;
}

export const databaseDelivery: ArchiveDelivery = {
  name: "database",
  async deliver() {
    // Kept in PlanArchive already: nothing more to do.
  },
};

export interface HttpDeliverySettings {
  url: string;
  token?: string;
  /** How long to wait for the archive's answer. */
  timeoutMs?: number;
}

/** POSTs the ZIP; any 2xx answer means the archive has it. */
export function httpDelivery(settings: HttpDeliverySettings): ArchiveDelivery {
  return {
    name: "http",
    async deliver(parcel) {
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: "POST",
          headers: {
            "Content-Type": "application/zip",
            "Content-Length": String(parcel.zip.length),
            "Content-Disposition": `attachment; filename="arkivkopi-${parcel.archiveId}.zip"`,
            "X-Archive-Id": parcel.archiveId,
            "X-Plan-Id": parcel.planId,
            ...(parcel.caseReference ? { "X-Case-Number": parcel.caseReference } : {}),
            "X-Checksum-SHA256": parcel.checksum,
            ...(settings.token ? { Authorization: `Bearer ${settings.token}` } : {}),
          },
          body: new Uint8Array(parcel.zip),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
        });
      } catch (error) {
        // Never the URL or token in the message: it is stored and shown to the coordinating unit.
        throw new Error(`archive unreachable (${(error as Error).name})`, { cause: error });
      }
      // Drain the body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`archive answered HTTP ${response.status}`);
    },
  };
}
