import { exportLoader } from "../lib/dashboard-list-loaders.server.ts";

// /ke/eksport?liste=planer|saker|moter|tiltak&tall=<figure>&format=csv|xlsx (+ the dashboard's
// selection and the list's sort): every row of the list on screen, as a file.
export const loader = exportLoader;
