import type { Prisma } from "./generated/client.ts";
import type { PrismaClient } from "./database.ts";

/** Either the client or an open interactive transaction: service helpers accept both. */
export type Tx = Prisma.TransactionClient | PrismaClient;
