import { type LoaderFunctionArgs } from "@remix-run/node";
import { load } from "../lib/call.server.ts";
import { idParam } from "../lib/id-param.server.ts";

// "Legg i kalender": the signed-in person's own invitation as an .ics file (meeting.ics, audited).
// It names only "Ansvarsgruppemøte", the time, the place and the portal: nothing from the plan.
export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const meetingId = idParam(params.meetingId);
  const ics = await load(context, request, (caller) => caller.meeting.ics({ meetingId }));
  return new Response(ics.text, {
    headers: {
      "Content-Type": ics.contentType,
      "Content-Disposition": `attachment; filename="${ics.filename}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
