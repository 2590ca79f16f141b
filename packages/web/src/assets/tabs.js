// Turns a box's tab links (which work as plain links without JavaScript) into ARIA tabs:
// role=tablist/tab/tabpanel, one tab in the tab order, arrow keys, Home and End.

/**
 * @param {HTMLElement} box
 * @param {HTMLElement} panel
 * @param {(tab: HTMLAnchorElement) => void} onSelect
 */
function enhanceTabs(box, panel, onSelect) {
  const list = box.querySelector('.nr-tabs ul');
  /** @type {HTMLAnchorElement[]} */
  const tabs = Array.from(box.querySelectorAll('.nr-tabs a.nr-tab'));
  if (!list || tabs.length === 0) return;
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-labelledby', `${box.id}-heading`);
  for (const item of list.children) item.setAttribute('role', 'presentation');
  panel.setAttribute('role', 'tabpanel');

  /** @param {HTMLAnchorElement} tab */
  const show = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      other.removeAttribute('aria-current');
    }
    panel.setAttribute('aria-labelledby', tab.id);
  };

  /** @param {HTMLAnchorElement} tab */
  const select = (tab) => {
    show(tab);
    keepChoice(box.dataset.tabParam, tab);
    onSelect(tab);
  };

  tabs.forEach((tab, index) => {
    tab.id = `${box.id}-tab-${index}`;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', panel.id);
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      select(tab);
    });
    tab.addEventListener('keydown', (event) => {
      const last = tabs.length - 1;
      const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const target = tabs[(next + tabs.length) % tabs.length];
      if (target) {
        target.focus();
        select(target);
      }
    });
  });

  const initial = tabs.find((tab) => tab.getAttribute('aria-current') === 'page') ?? tabs[0];
  if (initial) show(initial);
}

/**
 * Puts the tab's choice (`?window=7d`, `?category=politics`) into the address, so a reload or a
 * shared link opens the same tabs. Only this box's parameter changes: a tab's own link was made
 * when the page was, and taking it whole would undo what the other box's tabs chose since.
 * The other boxes' tab links learn the choice too, for a reader who opens one in a new tab.
 * @param {string | undefined} param
 * @param {HTMLAnchorElement} tab
 */
function keepChoice(param, tab) {
  if (!param) return;
  const value = new URL(tab.href, location.href).searchParams.get(param);
  /** @param {string} href */
  const withChoice = (href) => {
    const url = new URL(href, location.href);
    if (value === null) url.searchParams.delete(param);
    else url.searchParams.set(param, value);
    return url;
  };
  const address = withChoice(location.href);
  address.hash = '';
  history.replaceState(history.state, '', address.href);
  for (const link of document.querySelectorAll('section[data-box] a.nr-tab')) {
    const owner = link.closest('section[data-box]');
    if (!(owner instanceof HTMLElement) || owner.dataset.tabParam === param || !(link instanceof HTMLAnchorElement)) continue;
    const url = withChoice(link.href);
    link.setAttribute('href', `${url.pathname}${url.search}${url.hash}`);
  }
}
