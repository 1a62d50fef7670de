import { fileURLToPath } from "node:url"
import type { StorybookConfig } from "@storybook/react-vite"
import { mergeConfig } from "vite"

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url))

const config: StorybookConfig = {
  stories: ["../stories/**/*.mdx", "../stories/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest", "msw-storybook-addon"],
  framework: { name: "@storybook/react-vite", options: {} },
  staticDirs: ["../public"],
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // next-auth/react reads process.env.NEXTAUTH_URL when it loads.
      define: { "process.env": "{}" },
      // Stories import the package by its public names, served from the sources.
      resolve: {
        alias: [
          { find: /^next-auth-kit$/, replacement: src("client/index.ts") },
          { find: /^next-auth-kit\/msw$/, replacement: src("msw/index.ts") },
          { find: /^next-auth-kit\/provider-marks$/, replacement: src("client/provider-marks.ts") },
          { find: /^next-auth-kit\/locales\/(.*)$/, replacement: src("client/locales/$1.ts") },
          { find: /^next-auth-kit\/styles\.css$/, replacement: src("styles.css") },
        ],
      },
    }),
}

export default config
