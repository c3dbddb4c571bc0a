import { json } from "@remix-run/node";
import { isUuid } from "../domain/ids.ts";

/** An id from the address (or a form); anything else is a page that does not exist. */
export function idParam(value: string | undefined): string {
  if (!isUuid(value)) throw json({ message: "not found" }, { status: 404 });
  return value;
}
