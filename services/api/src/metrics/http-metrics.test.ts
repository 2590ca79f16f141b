import { describe, expect, it } from 'vitest';
import { routeLabel, statusClass } from './http-metrics.ts';

const request = (baseUrl: string, path?: unknown) =>
  ({ baseUrl, route: path === undefined ? undefined : { path } }) as Parameters<typeof routeLabel>[0];
const response = (locals: Record<string, unknown> = {}) => ({ locals }) as Parameters<typeof routeLabel>[1];

describe('routeLabel', () => {
  it('is the route pattern, not the requested URL', () => {
    expect(routeLabel(request('', '/v1/articles/:id'), response())).toBe('/v1/articles/:id');
  });

  it('prefixes the mount of a router mounted below the root', () => {
    expect(routeLabel(request('/v2', '/items/:id'), response())).toBe('/v2/items/:id');
  });

  it('is "unmatched" for a request no route answered', () => {
    expect(routeLabel(request(''), response())).toBe('unmatched');
  });

  it('prefers a route a handler named itself', () => {
    expect(routeLabel(request('/admin/queues', '/api/queues'), response({ metricsRoute: '/admin/queues' }))).toBe('/admin/queues');
  });

  it('joins the patterns of a route registered for several paths', () => {
    expect(routeLabel(request('', ['/a', '/b']), response())).toBe('/a|/b');
  });
});

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [204, '2xx'],
    [304, '3xx'],
    [429, '4xx'],
    [503, '5xx'],
  ])('%d is %s', (status, label) => {
    expect(statusClass(status)).toBe(label);
  });
});
