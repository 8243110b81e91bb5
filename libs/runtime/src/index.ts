/** Runtime: resolves configuration and starts the embedded engines before a process boots Nest. */
export * from './resolve-runtime';
export * from './scratch-run';
export * from './shutdown';
export * from './ports';
