/**
 * Search engines and social networks by registrable domain (the name under its public suffix, so
 * `google` covers google.com, google.co.jp and google.de) or by exact host. Kept here, in one
 * place, after the search and social sections of Snowplow's referer database: no npm package of
 * it is maintained. Add a network here and every newly counted view from it is classified so.
 */
export interface ReferrerList {
  /** Labels before the public suffix: `google` matches google.<any suffix>. */
  searchNames: readonly string[];
  /** Registrable domains or exact hosts. */
  searchHosts: readonly string[];
  socialNames: readonly string[];
  socialHosts: readonly string[];
}

export const REFERRER_LIST: ReferrerList = {
  searchNames: ['google', 'bing', 'yandex', 'baidu', 'duckduckgo', 'ecosia', 'qwant', 'startpage', 'seznam', 'sogou', 'naver', 'daum'],
  searchHosts: [
    'search.yahoo.com',
    'search.yahoo.co.jp',
    'search.brave.com',
    'search.aol.com',
    'ask.com',
    'kagi.com',
    'perplexity.ai',
    'so.com',
    'goo.ne.jp',
    'search.goo.ne.jp',
    'search.naver.com',
    'search.daum.net',
    'coccoc.com',
    'mojeek.com',
    'presearch.com',
    'you.com',
    'chatgpt.com',
  ],
  socialNames: ['facebook', 'twitter', 'instagram', 'linkedin', 'pinterest', 'reddit', 'tiktok', 'youtube', 'tumblr', 'weibo'],
  socialHosts: [
    't.co',
    'x.com',
    'fb.me',
    'lnkd.in',
    'threads.net',
    'threads.com',
    'bsky.app',
    'mastodon.social',
    'mstdn.jp',
    'news.ycombinator.com',
    'line.me',
    'b.hatena.ne.jp',
    'note.com',
    'mixi.jp',
    'vk.com',
    'ok.ru',
    't.me',
    'web.telegram.org',
    'wa.me',
    'web.whatsapp.com',
    'discord.com',
    'snapchat.com',
    'quora.com',
    'flipboard.com',
    'getpocket.com',
    'youtu.be',
    'away.vk.com',
    'lm.facebook.com',
    'l.facebook.com',
    'm.facebook.com',
    'l.instagram.com',
  ],
};
