// Plain JavaScript on purpose: it must run, and say what is wrong, on a Node too old to load .ts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `newsrank needs Node 24; this is Node ${process.versions.node}.\n` +
      `Run ./newsrank start (or ./newsrank test) instead: it fetches Node 24 and pnpm into .newsrank/tools by itself.\n`,
  );
  process.exit(1);
}
