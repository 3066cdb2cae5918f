// Claim files bundled as text by esbuild (scripts/build.mjs: loader '.claim': 'text').
declare module '*.claim' {
  const text: string;
  export default text;
}
