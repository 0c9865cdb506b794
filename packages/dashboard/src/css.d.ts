// The bundler turns a CSS import into its text (rollup.config.mjs, cssText()), for a shadow root's styles.
declare module '*.css' {
  const text: string;
  export default text;
}
