/**
 * The annotation model: what a `# METADATA` block says once parsed and
 * validated (./metadata-parse.ts), and the JSON shape `rego.metadata.rule()`
 * and `rego.metadata.chain()` return for it (OPA's).
 */
import type { Location } from '../ast.js';

export const SCOPES = ['rule', 'document', 'package', 'subpackages'] as const;
export type AnnotationScope = (typeof SCOPES)[number];

/** JSON data as YAML gives it; integers stay exact as bigints. */
export type MetaValue = null | boolean | string | number | bigint | MetaValue[] | { [key: string]: MetaValue };

export interface Author {
  name?: string;
  email?: string;
}

export interface RelatedResource {
  ref: string;
  description?: string;
}

/** `- input.x: schema.x` (a schema ref) or `- input.x: {type: ...}` (an inline definition). */
export interface SchemaAnnotation {
  /** The annotated value: `input.x` is ["input", "x"]. */
  path: string[];
  /** `schema.x` is ["schema", "x"]. */
  schema?: string[];
  definition?: MetaValue;
}

export interface Annotations {
  /** As written; absent means the default for what the block precedes (./metadata-scopes.ts). */
  scope?: AnnotationScope;
  title?: string;
  description?: string;
  organizations: string[];
  relatedResources: RelatedResource[];
  authors: Author[];
  schemas: SchemaAnnotation[];
  entrypoint: boolean;
  custom?: { [key: string]: MetaValue };
  labels?: { [key: string]: MetaValue };
  /** The `# METADATA` comment. */
  loc: Location;
}

/** The object OPA returns for an annotation block: only the fields that were given, plus its scope. */
export function annotationsValue(a: Annotations, scope: AnnotationScope): { [key: string]: MetaValue } {
  const out: { [key: string]: MetaValue } = { scope };
  if (a.title) out.title = a.title;
  if (a.entrypoint) out.entrypoint = true;
  if (a.description) out.description = a.description;
  if (a.organizations.length > 0) out.organizations = a.organizations;
  if (a.relatedResources.length > 0) out.related_resources = a.relatedResources.map((r) => ({ ...r }));
  if (a.authors.length > 0) out.authors = a.authors.map((x) => ({ ...x }));
  if (a.schemas.length > 0) {
    out.schemas = a.schemas.map((s) => {
      const entry: { [key: string]: MetaValue } = { path: s.path };
      if (s.schema) entry.schema = s.schema;
      if (s.definition !== undefined) entry.definition = s.definition;
      return entry;
    });
  }
  if (a.custom && Object.keys(a.custom).length > 0) out.custom = a.custom;
  if (a.labels && Object.keys(a.labels).length > 0) out.labels = a.labels;
  return out;
}
