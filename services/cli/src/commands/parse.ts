import { DocumentError, parseDocument } from '@newsrank/feed-parser';
import { readDocumentFile, readStdin } from './read-document.ts';

/** Prints the normalized document without touching any service: the ingest worker's own parser. */
export async function parseCommand(file: string, contentType: string | undefined): Promise<number> {
  const bytes = file === '-' ? await readStdin() : await readDocumentFile(file);
  try {
    const result = parseDocument(bytes, { contentType });
    process.stdout.write(
      `${JSON.stringify({ format: result.format, encoding: result.encoding, feed: result.feed, articles: result.articles, rejected: result.rejected, warnings: result.warnings }, null, 2)}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DocumentError) {
      process.stderr.write(`newsrank parse: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
