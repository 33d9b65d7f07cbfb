// Parses every ```mermaid block of the Markdown files given with Mermaid's own
// parser (mermaid.parse); exits 1 naming the first block that does not parse,
// or when a file has no block at all. Mermaid expects a browser: jsdom stands in.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

let failed = false;
for (const file of process.argv.slice(2)) {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  if (blocks.length === 0) {
    console.error(`${file}: no mermaid block`);
    failed = true;
  }
  for (const [index, block] of blocks.entries()) {
    try {
      const result = await mermaid.parse(block);
      console.log(`${file}: block ${index + 1} parses as ${result.diagramType}`);
    } catch (error) {
      console.error(`${file}: block ${index + 1} does not parse: ${error.message}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
