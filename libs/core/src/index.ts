/**
 * Core: the vocabulary every context shares — the one error type with stable codes,
 * the acting user, pagination, normalisation of typed input. No Nest modules, no I/O.
 */
export * from './app-error';
export * from './actor';
export * from './pagination';
export * from './id.pipe';
export * from './text-normalize';
export * from './nested-object';
export * from './error-table';
export * from './api-docs';
export * from './input.errors';
export * from './text-policy';
export * from './cell-safety';
export * from './transitions.errors';
export * from './access.errors';
export * from './state-machine';
