import { readFile } from 'node:fs/promises';
import { CommandError } from '../errors.ts';

/** A document from disk, or a one-line reason naming the path: a stack trace tells a person nothing here. */
export async function readDocumentFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CommandError(`${path}: no such file`);
    if (code === 'EISDIR') throw new CommandError(`${path}: is a directory, not a document`);
    if (code === 'EACCES' || code === 'EPERM') throw new CommandError(`${path}: cannot read it (permission denied)`);
    throw new CommandError(`${path}: cannot read it (${code ?? (error as Error).message})`);
  }
}

export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
