export interface Column<Row> {
  header: string;
  align?: 'left' | 'right';
  cell(row: Row): string;
}

// Code points, not UTF-16 units: a title with an emoji or a rare kanji should not shift its row.
const width = (text: string) => [...text].length;

/** Cuts text to `max` characters, marking the cut, so one long title cannot push the columns after it off screen. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Columns padded to their widest cell, two spaces apart, and no trailing spaces. */
export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = [columns.map((column) => column.header), ...rows.map((row) => columns.map((column) => column.cell(row)))];
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => width(line[index] ?? ''))));
  return (
    cells
      .map((line) =>
        line
          .map((cell, index) => {
            const pad = ' '.repeat((widths[index] ?? 0) - width(cell));
            return columns[index]?.align === 'right' ? pad + cell : cell + pad;
          })
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
