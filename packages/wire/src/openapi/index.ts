// The API's public contract as an OpenAPI 3.1 document: the paths of the JSON API and of the
// pages the api mounts, with the schemas of this package as its components. Pure data; the api
// serves it at /openapi.json and holds it to the routes it really has.
export { buildOpenApiDocument, type OpenApiDocument } from './document.ts';
