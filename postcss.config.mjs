// Storybook (Vite) compiles src/styles.css with Tailwind, as the build does with its CLI.
export default { plugins: { "@tailwindcss/postcss": {} } }
