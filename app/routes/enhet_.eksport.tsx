import { exportLoader } from "../lib/dashboard-list-loaders.server.ts";

// /enhet/eksport: the unit leader's lists as files (the server keeps them to the leader's unit).
export const loader = exportLoader;
