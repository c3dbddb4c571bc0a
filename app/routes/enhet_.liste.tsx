import type { MetaFunction } from "@remix-run/node";
import { DashboardListView } from "../components/dashboard/list-view.tsx";
import { listLoader } from "../lib/dashboard-list-loaders.server.ts";

export const meta: MetaFunction = () => [{ title: "Liste – Min enhet" }];

// /enhet/liste: the lists behind the unit leader's figures (the server keeps them to the leader's unit).
export const loader = listLoader;

export default DashboardListView;
