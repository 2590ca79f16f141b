import type { OpmlOutline } from './opml-types.ts';

/**
 * An OPML 2.0 subscription list: feeds without a category first, then one folder outline per
 * category in the order the categories first appear. parseOpml reads it back to the same list.
 */
export function exportOpml(sources: readonly OpmlOutline[], options: { title?: string; now?: Date } = {}): string {
  const loose: OpmlOutline[] = [];
  const folders = new Map<string, OpmlOutline[]>();
  for (const source of sources) {
    if (source.category === null || source.category.trim() === '') {
      loose.push(source);
      continue;
    }
    const folder = folders.get(source.category);
    if (folder === undefined) folders.set(source.category, [source]);
    else folder.push(source);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(options.title ?? 'newsrank sources')}</title>`,
    `    <dateCreated>${(options.now ?? new Date()).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...loose.map((source) => feedOutline(source, '    ')),
  ];
  for (const [category, members] of folders) {
    lines.push(`    <outline text="${escapeXml(category)}" title="${escapeXml(category)}">`);
    lines.push(...members.map((source) => feedOutline(source, '      ')));
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function feedOutline(source: OpmlOutline, indent: string): string {
  const text = escapeXml(source.title ?? source.url);
  const attrs = [`type="rss"`, `text="${text}"`];
  if (source.title !== null) attrs.push(`title="${text}"`);
  attrs.push(`xmlUrl="${escapeXml(source.url)}"`);
  if (source.siteUrl !== null) attrs.push(`htmlUrl="${escapeXml(source.siteUrl)}"`);
  return `${indent}<outline ${attrs.join(' ')}/>`;
}

/**
 * Text safe in an attribute or element: markup characters and quotes escaped, line breaks and
 * tabs as references (a parser would turn them into spaces), and characters XML cannot hold dropped.
 */
function escapeXml(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
