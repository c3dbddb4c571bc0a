import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "server/db/generated/", "node_modules/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The UI reaches data only through the tRPC caller in `context`: never the database.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**", "!**/server/router.ts", "!**/server/load-context.ts"], message: "app/ may only import types from server/." },
            { group: ["@prisma/*", "**/db/generated/**"], message: "No Prisma in app/." },
          ],
        },
      ],
    },
  },
);
