// The OPML import form posts text; with JavaScript, choosing a file fills that text in, so a
// person can pick the file their reader exported instead of pasting it.

function enhanceOpmlForm() {
  /** @type {HTMLInputElement | null} */
  const file = document.querySelector('input[data-opml-file]');
  /** @type {HTMLTextAreaElement | null} */
  const text = document.querySelector('textarea[data-opml-text]');
  if (!file || !text) return;
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then((content) => {
      text.value = content;
    });
  });
}
