import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A receipt after a save (the page was redirected back with "?lagret=…"): announced, and focused
 * so the person using a keyboard or screen reader continues from where the change shows.
 */
export function Receipt({ show, children }: { show: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (show) ref.current?.focus();
  }, [show, location.key]);
  return (
    <div role="status" ref={ref} tabIndex={-1} className="receipt">
      {show ? <p className="alert alert-success">{children}</p> : null}
    </div>
  );
}
