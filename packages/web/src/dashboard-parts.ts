import { STATS_WINDOWS, type Campaign, type ReferrerHost, type ReferrerSplit, type SeriesPoint, type StatsWindow } from '@newsrank/wire';
import { REFERRER_CLASSES } from '@newsrank/wire';
import { pageHref } from './boxes.ts';
import { formatCount, formatShare } from './charts/chart-numbers.ts';
import { REFERRER_NAMES, referrerBar } from './charts/referrer-bar.ts';
import { pointLabel, seriesChart } from './charts/series-chart.ts';
import { html, type SafeHtml } from './html.ts';

export const DASHBOARD_PATH = '/dashboard';
export const dashboardArticlePath = (id: string) => `${DASHBOARD_PATH}/articles/${encodeURIComponent(id)}`;

const WINDOW_NAMES: Record<StatsWindow, string> = { '24h': 'last 24 hours', '7d': 'last 7 days', '30d': 'last 30 days' };
export const windowName = (window: StatsWindow) => WINDOW_NAMES[window];

/** Links to the same page for each window; the chosen one is marked current. */
export function windowTabs(path: string, current: StatsWindow): SafeHtml {
  const links = STATS_WINDOWS.map(
    (window) =>
      html`<li><a class="nr-tab" href="${pageHref(path, { window: window === '24h' ? null : window }, 'charts')}"${window === current ? html` aria-current="page"` : null}>${window}</a></li>`,
  );
  return html`<nav class="nr-tabs" aria-label="Period"><ul>${links}</ul></nav>`;
}

/** A row of headline numbers. */
export function figures(items: readonly { label: string; value: string; id: string }[]): SafeHtml {
  return html`<dl class="nr-figures">${items.map(
    (item) => html`<div class="nr-figure"><dt>${item.label}</dt><dd data-figure="${item.id}">${item.value}</dd></div>`,
  )}</dl>`;
}

/** The chart of views and visitors, a legend, and the same numbers as a table for those who cannot see the chart. */
export function seriesSection(series: readonly SeriesPoint[], window: StatsWindow): SafeHtml {
  const rows = series.map(
    (point) =>
      html`<tr><th scope="row"><time datetime="${point.t}">${pointLabel(point.t, window)}${window === '7d' ? ` ${point.t.slice(11, 16)}` : ''}</time></th><td>${formatCount(point.views)}</td><td>${formatCount(point.visitors)}</td></tr>`,
  );
  return html`<section class="nr-dash-panel" aria-labelledby="series-heading">
<h2 class="nr-box-title" id="series-heading">Views and visitors · ${windowName(window)}</h2>
<p class="nr-legend"><span class="nr-key nr-key-views">Views</span><span class="nr-key nr-key-visitors">Visitors</span><span class="nr-legend-note">${window === '30d' ? 'per day' : 'per hour'}, UTC</span></p>
${seriesChart(series, { window })}
<details class="nr-chart-table"><summary>Show as a table</summary><table><thead><tr><th scope="col">${window === '30d' ? 'Day' : 'Hour'}</th><th scope="col">Views</th><th scope="col">Visitors</th></tr></thead><tbody>${rows}</tbody></table></details>
</section>`;
}

/** Where readers came from: the split as a bar with its legend, and the top referring hosts. */
export function referrerSection(split: ReferrerSplit, hosts: readonly ReferrerHost[]): SafeHtml {
  const total = REFERRER_CLASSES.reduce((sum, name) => sum + split[name], 0);
  const legend = REFERRER_CLASSES.map(
    (name) =>
      html`<li><span class="nr-swatch nr-ref-${name}" aria-hidden="true"></span>${REFERRER_NAMES[name]} <strong data-referrer="${name}">${formatCount(split[name])}</strong> <span class="nr-share">${formatShare(split[name], total)}</span></li>`,
  );
  const hostRows = hosts.map(
    (host) =>
      html`<tr><th scope="row">${host.host}</th><td>${REFERRER_NAMES[host.class]}</td><td class="nr-number">${formatCount(host.views)}</td></tr>`,
  );
  return html`<section class="nr-dash-panel" aria-labelledby="referrers-heading">
<h2 class="nr-box-title" id="referrers-heading">Referrers</h2>
${referrerBar(split)}
<ul class="nr-ref-legend">${legend}</ul>
<h3 class="nr-dash-subtitle">Top referring sites</h3>
${
  hosts.length === 0
    ? html`<p class="nr-empty">No views came from other sites.</p>`
    : html`<table class="nr-dash-table"><thead><tr><th scope="col">Site</th><th scope="col">Kind</th><th scope="col" class="nr-number">Views</th></tr></thead><tbody>${hostRows}</tbody></table>`
}
</section>`;
}

/** Views by utm_source / utm_medium / utm_campaign of the page address. */
export function campaignSection(campaigns: readonly Campaign[]): SafeHtml {
  const rows = campaigns.map(
    (campaign) =>
      html`<tr><td>${campaign.source ?? '—'}</td><td>${campaign.medium ?? '—'}</td><td>${campaign.campaign ?? '—'}</td><td class="nr-number">${formatCount(campaign.views)}</td></tr>`,
  );
  return html`<section class="nr-dash-panel" aria-labelledby="campaigns-heading">
<h2 class="nr-box-title" id="campaigns-heading">Campaigns</h2>
${
  campaigns.length === 0
    ? html`<p class="nr-empty">No views came with campaign parameters (utm_source, utm_medium, utm_campaign).</p>`
    : html`<table class="nr-dash-table"><thead><tr><th scope="col">Source</th><th scope="col">Medium</th><th scope="col">Campaign</th><th scope="col" class="nr-number">Views</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}
