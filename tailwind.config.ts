// Read by `@config` in src/styles.css: where the components' class names live.
export default {
  content: ["./src/client/**/*.{ts,tsx}"],
}
