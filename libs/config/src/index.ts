/** Config: the environment schema and the resolved runtime configuration every process reads. */
export * from './app-config';
export * from './config.module';
