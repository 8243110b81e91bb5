import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { OpenAPIObject } from '@nestjs/swagger';
import { validateCreditCode } from '@ff/enterprises';
import { findRegion } from '@ff/regions';

/*
 * Reads the OpenAPI document the way a portal generator would and lists every place where
 * following it would mislead an integrator. Structural facts (a path parameter, a body, a
 * security requirement) decide which error statuses an operation must document.
 */

type Json = Record<string, any>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** operationIds read as a verb phrase: listApplications, getApplication, submitApplication … */
const VERB =
  /^(list|get|create|update|delete|save|upload|download|submit|withdraw|recommend|open|close|login|logout|refresh|register|change|check|evaluate|export|dryRun|reset|unlock|search|assign|score|import|send|mark|read|publish|decide|confirm|revoke|cancel|start|complete|run|verify|preview|commit|approve|reject|return|calibrate|remind)([A-Z]|$)/;
const ERROR_REF = '#/components/schemas/ErrorBodyView';

export interface Operation {
  method: string;
  path: string;
  op: Json;
}

export function operations(doc: OpenAPIObject): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((method) => ({ method, path, op: (item as Json)[method] })),
  );
}

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

export function documentProblems(doc: OpenAPIObject, fieldLabels: Record<string, string>): string[] {
  const problems: string[] = [];
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Json>;
  const tags = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? '']));
  const ids = new Map<string, string>();

  const labelled = (name: string, where: string) => {
    if (!fieldLabels[name]) problems.push(`${where}: field "${name}" has no Chinese label in FIELD_LABELS`);
  };
  const walkRequestSchema = (schema: Json | undefined, where: string, seen = new Set<string>()) => {
    if (!schema) return;
    if (schema.$ref) {
      const name = refName(schema.$ref);
      if (seen.has(name)) return;
      seen.add(name);
      return walkRequestSchema(schemas[name], `${where} → ${name}`, seen);
    }
    if (schema.items) walkRequestSchema(schema.items, where, seen);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) walkRequestSchema(part, where, seen);
    for (const [prop, sub] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      labelled(prop, where);
      walkRequestSchema(sub, `${where}.${prop}`, seen);
    }
  };

  for (const { method, path, op } of operations(doc)) {
    const name = `${method.toUpperCase()} ${path}`;
    const id: string | undefined = op.operationId;
    if (!id || !VERB.test(id))
      problems.push(`${name}: operationId "${id}" is not a verb phrase (e.g. listApplications)`);
    else if (ids.has(id)) problems.push(`${name}: operationId "${id}" also used by ${ids.get(id)}`);
    else ids.set(id, name);

    if (!op.tags?.length) problems.push(`${name}: no tag`);
    for (const tag of op.tags ?? []) if (!tags.get(tag)) problems.push(`${name}: tag "${tag}" has no description`);

    const responses = (op.responses ?? {}) as Record<string, Json>;
    const success = Object.entries(responses).filter(([s]) => /^2\d\d$/.test(s));
    if (!success.length) problems.push(`${name}: no 2xx response`);
    for (const [status, r] of success) {
      if (status === '204') continue;
      const content = (r.content ?? {}) as Record<string, Json>;
      const typed = Object.entries(content).some(
        ([media, c]) => c.schema && (media !== 'application/json' || c.schema.$ref || c.schema.type || c.schema.allOf),
      );
      if (!typed) problems.push(`${name}: ${status} response has no schema`);
      const json = content['application/json']?.schema;
      if (json && !json.$ref && !(json.type === 'array' && json.items?.$ref))
        problems.push(`${name}: ${status} response is not a named view class`);
    }

    const params = (op.parameters ?? []) as Json[];
    const required = new Set<string>();
    if (op.security?.length) required.add('401').add('403');
    if (params.some((p) => p.in === 'path')) required.add('400').add('404');
    if (op.requestBody) required.add('400');
    if (params.some((p) => p.in === 'query')) required.add('400');
    for (const status of required) {
      if (!responses[status]) problems.push(`${name}: does not document ${status}`);
    }
    // An error answered in the success body's own shape (health's 503) is documented as such.
    const successRefs = new Set(success.map(([, r]) => r.content?.['application/json']?.schema?.$ref));
    for (const [status, r] of Object.entries(responses)) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const ref = r.content?.['application/json']?.schema?.$ref;
      if (ref !== ERROR_REF && !successRefs.has(ref))
        problems.push(`${name}: ${status} does not use the shared ErrorBodyView`);
    }

    for (const p of params.filter((x) => x.in === 'query')) {
      labelled(p.name, `${name} ?${p.name}`);
      const s = (p.schema ?? {}) as Json;
      if (!s.type && !s.enum && !s.$ref && !s.items) problems.push(`${name}: query "${p.name}" has no type`);
      if ((p.name === 'page' || p.name === 'pageSize') && s.type !== 'integer')
        problems.push(`${name}: query "${p.name}" should be an integer, is ${s.type}`);
    }
    const body = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
    walkRequestSchema(body, `${name} body`);
  }
  return problems;
}

/*
 * Classes behind the document: the route parameters' DTOs and the documented responses, and the
 * classes their properties name. Two different classes with one name would share one schema
 * entry, so one of them would be documented wrong.
 */

const isClass = (t: unknown): t is Type<unknown> =>
  typeof t === 'function' && !!Reflect.getMetadata('swagger/apiModelPropertiesArray', (t as Type).prototype);

function propertyType(meta: Json): unknown {
  let t = meta.type;
  // Lazy `type: () => X` as the swagger plugin writes them; a class constructor is called with `new`.
  if (typeof t === 'function' && !t.prototype && t.length === 0) t = t();
  return Array.isArray(t) ? t[0] : t;
}

export function documentedClasses(app: INestApplication): Type<unknown>[] {
  const found = new Set<Type<unknown>>();
  const visit = (t: unknown) => {
    if (!isClass(t) || found.has(t)) return;
    found.add(t);
    for (const key of modelProperties(t)) visit(propertyType(propertyMeta(t, key)));
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as Type<unknown>).prototype;
      const classResponses = Reflect.getMetadata('swagger/apiResponse', wrapper.metatype as object) ?? {};
      for (const r of Object.values(classResponses) as Json[]) visit(r.type);
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (key === 'constructor') continue;
        for (const t of Reflect.getMetadata('design:paramtypes', proto, key) ?? []) visit(t);
        const responses = Reflect.getMetadata('swagger/apiResponse', proto[key]) ?? {};
        for (const r of Object.values(responses) as Json[]) visit(Array.isArray(r.type) ? r.type[0] : r.type);
      }
    }
  }
  return [...found];
}

const modelProperties = (t: Type<unknown>): string[] =>
  (Reflect.getMetadata('swagger/apiModelPropertiesArray', t.prototype) ?? []).map((k: string) => k.slice(1));
const propertyMeta = (t: Type<unknown>, key: string): Json =>
  Reflect.getMetadata('swagger/apiModelProperties', t.prototype, key) ?? {};

export function duplicateSchemaNames(classes: Type<unknown>[]): string[] {
  const byName = new Map<string, Type<unknown>[]>();
  for (const c of classes) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  return [...byName]
    .filter(([, cs]) => cs.length > 1)
    .map(([name, cs]) => `${name} is declared by ${cs.length} classes`);
}

/** The system's own checks of a value beyond its shape, by field name. */
const DOMAIN_CHECKS: Record<string, (v: unknown) => string | null> = {
  creditCode: (v) => {
    const r = validateCreditCode(String(v));
    return r.ok ? null : r.message;
  },
  regionCode: (v) => (findRegion(String(v)) ? null : `${String(v)} 不是浙江省行政区划代码`),
};

/** Every example a class documents, run through the class's own validators and the domain checks. */
export function refusedExamples(classes: Type<unknown>[]): string[] {
  const problems: string[] = [];
  for (const cls of classes) {
    const plain: Json = {};
    for (const key of modelProperties(cls)) {
      const meta = propertyMeta(cls, key);
      if (meta.example === undefined) continue;
      plain[key] = meta.example;
      const domain = DOMAIN_CHECKS[key]?.(meta.example);
      if (domain) problems.push(`${cls.name}.${key}: example ${JSON.stringify(meta.example)} refused: ${domain}`);
      if (meta.enum && !(meta.enum as unknown[]).includes(meta.example))
        problems.push(`${cls.name}.${key}: example ${JSON.stringify(meta.example)} is not one of its enum`);
    }
    if (!Object.keys(plain).length) continue;
    const errors = validateSync(plainToInstance(cls, plain) as object, { skipMissingProperties: true });
    for (const e of errors) {
      if (!(e.property in plain)) continue;
      problems.push(
        `${cls.name}.${e.property}: example ${JSON.stringify(plain[e.property])} refused: ${Object.keys(e.constraints ?? { nested: 1 }).join(', ')}`,
      );
    }
  }
  return problems;
}
